#!/usr/bin/env python3
"""Prints hub-api's package import graph and its cycles (strongly connected components), read from the sources.

    python3 docs/package-cycles.py            # top-level packages of dev.stoa.hub
    python3 docs/package-cycles.py --all      # every package (web.repo, git.storage, ...)
    python3 docs/package-cycles.py --edges    # also each package's imports, with the importing files

Exits with 1 when there is a cycle. The build checks the same with ArchUnit (hub-api's ArchitectureTest).
"""
import collections
import os
import re
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'hub-api', 'src', 'main', 'java', 'dev', 'stoa', 'hub')
IMPORT = re.compile(r'^import (?:static )?dev\.stoa\.hub\.([a-z0-9_.]+)\.[A-Z]', re.M)


def graph(every_package):
    def package(name):
        return name if every_package else name.split('.')[0]

    edges = collections.defaultdict(lambda: collections.defaultdict(set))
    packages = set()
    for folder, _, files in os.walk(ROOT):
        source = package('.'.join(os.path.relpath(folder, ROOT).split(os.sep)))
        for file in (f for f in files if f.endswith('.java')):
            packages.add(source)
            with open(os.path.join(folder, file)) as text:
                for imported in IMPORT.findall(text.read()):
                    if package(imported) != source:
                        edges[source][package(imported)].add(file)
    return sorted(packages), edges


def cycles(packages, edges):
    """Tarjan's strongly connected components with more than one package."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in edges[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    sys.setrecursionlimit(10000)
    for node in packages:
        if node not in index:
            visit(node)
    return found


if __name__ == '__main__':
    packages, edges = graph('--all' in sys.argv)
    found = cycles(packages, edges)
    print(f"{len(packages)} packages, {len(found)} cycles")
    for component in found:
        print(f"  cycle of {len(component)}: {' '.join(component)}")
    if '--edges' in sys.argv:
        for source in packages:
            targets = ', '.join(f"{t} ({len(files)})" for t, files in sorted(edges[source].items()))
            print(f"{source} -> {targets or 'nothing'}")
    sys.exit(1 if found else 0)
