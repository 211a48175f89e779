from binder.cli import main

raise SystemExit(main())
