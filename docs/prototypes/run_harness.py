# Throwaway harness for docs/prototypes/nested_proxy_class.py: runs the consistency test's
# sequences on a small project with another plugin. Not used by the project.
import sys, re, shutil
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / 'tests'))
from pathlib import Path
from consistency import project, scenarios
from consistency.kinds import Kind, Replace, _absolute_imports, _HEADER
from consistency.runs import Output
src = Path(__file__).resolve().parent / 'project' / 'app'
mods = {}
for name in ('models', 'make', 'use', 'main'):
    text = (src / f'{name}.py').read_text()
    text = text.replace('from app.', 'from .').replace('from app import', 'from . import')
    mods[name] = _absolute_imports('proto', text)
kind = Kind('proto', mods, edit=(Replace('models', 'def label(self)', 'def title(self)'),), delete='make')
scenarios.KINDS = (kind,)
scenarios.MAX_MODULES = 4
plugin = str(Path(sys.argv[1]).resolve())
ws = Path('/tmp/proto-nested-ws'); shutil.rmtree(ws, ignore_errors=True)
base = project.write_project(ws / 'base', [kind])
(base / 'mypy.ini').write_text(project.MYPY_INI.replace('plugins = proxystore_mypy', f'plugins = {plugin}'))
refs = {s: scenarios.cold_run(base, s, ws / f'cold-{s}') for s in ('base', 'edited', 'deleted')}
print(refs['base'].text)
for mode in sys.argv[2].split(','):
    outs = scenarios.run_sequence(mode, base, ws / mode)
    for step in scenarios.steps(mode):
        if step.name not in outs: continue
        o = outs[step.name]
        want = refs[step.source].messages('proto'); got = o.messages('proto')
        if step.partial: want = {k: v for k, v in want.items() if k in got}
        ok = (o.crash is None) and got == want
        print(mode, step.name, 'OK' if ok else 'DIFF', '' if ok else (o.crash or '')[:300])
        if not ok and o.crash is None:
            import difflib
            for l in difflib.unified_diff([x for v in want.values() for x in v], [x for v in got.values() for x in v], lineterm=''): print('   ', l[:200])
