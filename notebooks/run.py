"""Executes every notebook here, top to bottom, and fails on the first cell that raises.

    python notebooks/run.py            # all notebooks
    python notebooks/run.py NAME.ipynb # one

The executed copies (with their outputs and plots) go to notebooks/out/executed/; the notebooks themselves are
left as they are. .ci/run runs this so that none can rot.
"""
import os
import sys
import time

import nbformat
from nbclient import NotebookClient

HERE = os.path.dirname(os.path.abspath(__file__))
# the kernel's debugger warns about frozen modules at every start; nothing here debugs
os.environ.setdefault('PYDEVD_DISABLE_FILE_VALIDATION', '1')
os.environ.setdefault('PYTHONWARNINGS', 'ignore')


def main(names):
    names = names or sorted(n for n in os.listdir(HERE) if n.endswith('.ipynb'))
    out = os.path.join(HERE, 'out', 'executed')
    os.makedirs(out, exist_ok=True)
    for name in names:
        path = os.path.join(HERE, name)
        nb = nbformat.read(path, as_version=4)
        started = time.monotonic()
        print(f'{name}: running {len(nb.cells)} cells', flush=True)
        NotebookClient(nb, timeout=600, kernel_name='python3', resources={'metadata': {'path': HERE}}).execute()
        nbformat.write(nb, os.path.join(out, name))
        images = sum(1 for c in nb.cells for o in c.get('outputs', []) if 'image/png' in o.get('data', {}))
        print(f'{name}: ok in {time.monotonic() - started:.1f} s, {images} plots', flush=True)


if __name__ == '__main__':
    main(sys.argv[1:])
