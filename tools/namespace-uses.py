#!/usr/bin/env python3
"""Which namespace uses which, measured from the source: project-to-project uses against the csproj references, and
folder-to-folder uses inside each project with the circles among them.

  python3 tools/namespace-uses.py [--project NotaGen.Generation] [--edges]

A file in namespace N uses namespace M when a type declared in M (class, record, struct, interface, enum, delegate)
appears as a whole word in the file and M is visible there: imported with `using`, an enclosing namespace of N, or
written out (M.Type). Type names declared in more than one namespace count for each visible one. A heuristic, not a
compiler: it reads text, so a type named in a comment counts too."""
import os, re, sys, glob, itertools, xml.etree.ElementTree as ET

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
args = sys.argv[1:]
only = args[args.index('--project') + 1] if '--project' in args else None
show_edges = '--edges' in args

decl = re.compile(r'\b(?:class|record|struct|interface|enum|delegate\s+\S+)\s+([A-Z]\w*)')
files = {}
for path in glob.glob(os.path.join(root, 'src', '*', '**', '*.cs'), recursive=True) + glob.glob(os.path.join(root, 'bench', '*', '**', '*.cs'), recursive=True):
    if '/bin/' in path or '/obj/' in path:
        continue
    text = open(path, encoding='utf-8').read()
    ns = re.search(r'^namespace\s+([\w.]+)\s*;', text, re.M)
    if not ns:
        continue
    code = re.sub(r'//[^\n]*|/\*.*?\*/|"(?:\\.|[^"\\])*"', ' ', text, flags=re.S)
    files[path] = (ns.group(1), text, code)

types = {}
for path, (ns, text, code) in files.items():
    for name in decl.findall(code):
        types.setdefault(name, set()).add(ns)

def project_of(path):
    rel = os.path.relpath(path, root).split(os.sep)
    return rel[1]

uses = {}
for path, (ns, text, code) in files.items():
    imported = set(re.findall(r'^using\s+(?:static\s+)?([\w.]+)\s*;', text, re.M))
    parents = {'.'.join(ns.split('.')[:i]) for i in range(1, len(ns.split('.')) + 1)}
    words = set(re.findall(r'\b[A-Z]\w*\b', code))
    for word in words & types.keys():
        for target in types[word]:
            if target == ns:
                continue
            if target in imported or target in parents or re.search(r'\b' + re.escape(target) + r'\.' + word + r'\b', code) \
                    or any(i == target + '.' + word for i in imported):
                uses.setdefault((ns, target), set()).add((os.path.relpath(path, root), word))

# The project a namespace lives in: the project of the files declaring it.
ns_project = {}
for path, (ns, _, _) in files.items():
    ns_project.setdefault(ns, set()).add(project_of(path))

def project_refs(project):
    for folder in ('src', 'bench'):
        csproj = os.path.join(root, folder, project, project + '.csproj')
        if os.path.exists(csproj):
            tree = ET.parse(csproj)
            return {os.path.basename(r.get('Include')).removesuffix('.csproj') for r in tree.iter('ProjectReference')}
    return set()

def closure(project, seen=None):
    seen = set() if seen is None else seen
    for ref in project_refs(project):
        if ref not in seen:
            seen.add(ref)
            closure(ref, seen)
    return seen

projects = sorted({project_of(p) for p in files})
print('# Project uses (measured) against ProjectReferences (declared)')
for project in projects:
    if only and project != only:
        continue
    used = {}
    for (a, b), where in uses.items():
        pa = next(iter(ns_project[a])) if len(ns_project[a]) == 1 else None
        if a in ns_project and project in ns_project[a]:
            for pb in ns_project.get(b, ()):
                if pb != project:
                    used.setdefault(pb, set()).update(w for w in where if w[0].split(os.sep)[1] == project)
    used = {k: v for k, v in used.items() if v}
    declared = project_refs(project)
    reachable = closure(project)
    print(f'{project}: declares {sorted(declared) or "-"}')
    for target in sorted(used):
        mark = 'declared' if target in declared else ('through ' + ', '.join(sorted(d for d in declared if target in closure(d) or target == d)) if target in reachable else 'NOT REFERENCED')
        print(f'  uses {target} ({len(used[target])} uses, {mark})')
    for unused in sorted(declared - used.keys()):
        print(f'  declares {unused} but uses nothing of it')

print()
print('# Folder circles inside a project (namespaces that use each other, directly or round a loop)')
for project in projects:
    if only and project != only:
        continue
    names = sorted(n for n in ns_project if project in ns_project[n])
    graph = {n: {b for (a, b) in uses if a == n and b in names} for n in names}
    # strongly connected components (Tarjan)
    index, low, stack, on, comps, counter = {}, {}, [], set(), [], [0]
    def strong(v):
        index[v] = low[v] = counter[0]; counter[0] += 1; stack.append(v); on.add(v)
        for w in graph[v]:
            if w not in index:
                strong(w); low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop(); on.discard(w); comp.append(w)
                if w == v:
                    break
            comps.append(comp)
    sys.setrecursionlimit(10000)
    for v in names:
        if v not in index:
            strong(v)
    circles = [sorted(c) for c in comps if len(c) > 1]
    print(f'{project}: {len(circles)} circle(s)')
    for c in circles:
        print('  ' + ' <-> '.join(c))
        if show_edges:
            for a, b in itertools.permutations(c, 2):
                if (a, b) in uses:
                    print(f'    {a} -> {b}: ' + ', '.join(sorted(f'{os.path.basename(f)}:{w}' for f, w in uses[(a, b)])[:12]))
