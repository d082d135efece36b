"""Helpers the notebooks share: where the repository is, and running coachmatch-train.

Every label, split and metric the notebooks show comes from files that `coachmatch-train` writes
(`evaluate --report` and `--pairs`, `rank --explain`, and each model version's `report.json`); the
notebooks only read and plot them, so what they show is what `train` and `evaluate` used.
"""
import gzip
import json
import os
import shutil
import subprocess

NOTEBOOKS = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(NOTEBOOKS)
DATA = os.path.join(ROOT, 'data')
MODELS = os.path.join(ROOT, 'models')
OUT = os.path.join(NOTEBOOKS, 'out')
JAR = os.path.join(ROOT, 'training', 'target', 'coachmatch-train.jar')


def cli(*args):
    """Runs `java -jar training/target/coachmatch-train.jar ARGS` from the repository root and returns its output."""
    if not os.path.exists(JAR):
        raise FileNotFoundError(f'{JAR} is missing: build it first with ./mvnw -B -q package -DskipTests')
    java = shutil.which('java') or 'java'
    command = [java, '-Dcoachmatch.progress=false', '-jar', JAR, *args]
    print('$', 'java -jar training/target/coachmatch-train.jar', ' '.join(args))
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f'coachmatch-train {args[0]} failed ({done.returncode}):\n{done.stderr}')
    return done.stdout


def ensure(path, *args):
    """Returns `path`, running the CLI with `args` first when the file is not there yet."""
    if not os.path.exists(path):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        cli(*args)
    return path


def aliases():
    with open(os.path.join(MODELS, 'aliases.json'), encoding='utf-8') as f:
        return json.load(f)


def resolve(version_or_alias):
    return aliases().get(version_or_alias, version_or_alias)


def manifest(version):
    with open(os.path.join(MODELS, version, 'manifest.json'), encoding='utf-8') as f:
        return json.load(f)


def report(version):
    """The evaluation report's numbers of a version: its report.json, which train writes beside it
    (for a version that has none, `evaluate --report` writes one under notebooks/out)."""
    beside = os.path.join(MODELS, version, 'report.json')
    if os.path.exists(beside):
        path = beside
    else:
        html = os.path.join(OUT, f'report-{version}.html')
        ensure(html[:-len('.html')] + '.json', 'evaluate', '--data', 'data', '--model', version, '--report', html)
        path = html[:-len('.html')] + '.json'
    with open(path, encoding='utf-8') as f:
        return json.load(f)


def read_jsonl(path):
    opener = gzip.open if path.endswith('.gz') else open
    with opener(path, 'rt', encoding='utf-8') as f:
        return [json.loads(line) for line in f if line.strip()]
