"""Subcommands of ``gongkai report``. Each module here defines
``register(subparsers: argparse._SubParsersAction) -> None``, adding one subparser whose
``func(args) -> int`` returns the exit code. Modules are discovered, so adding a
subcommand touches no other file.
"""
