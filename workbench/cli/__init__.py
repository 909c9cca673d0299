"""Command line: parse, call a service, print. Bad input exits 2 with one line on stderr.

One module per command group; `shared` holds what they all use; `root` assembles them.
"""

from workbench.cli.root import app as app
from workbench.cli.root import main as main
from workbench.cli.shared import err as err
from workbench.cli.shared import out as out
