"""``python -m tflm``: the same as the ``tflm`` command."""

import sys

from tflm.cli import main

sys.exit(main(exit_quickly=True))
