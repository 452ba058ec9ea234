from sqla_assist.cli import main

main()
