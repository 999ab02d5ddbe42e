from .agencies import AgencyFactory, MembershipFactory, UserFactory

__all__ = ["AgencyFactory", "MembershipFactory", "UserFactory"]
