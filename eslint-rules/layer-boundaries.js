'use strict';
// Enforces the layer rules of ARCHITECTURE.md §1, so CI fails when one is broken:
// - src/domain imports nothing outside src/domain (allow-listed pure libraries aside);
// - a module imports another module only through that module's index.ts;
// - infrastructure never imports modules.
const path = require('node:path');

const DOMAIN_ALLOWED_PACKAGES = new Set(['decimal.js', 'fast-check']);

function layerOf(file, root) {
  const rel = path.relative(path.join(root, 'src'), file).split(path.sep);
  if (rel[0] === '..') return { layer: 'outside' };
  if (rel[0] === 'domain') return { layer: 'domain' };
  if (rel[0] === 'infrastructure') return { layer: 'infrastructure' };
  if (rel[0] === 'modules' && rel.length >= 2) return { layer: 'module', module: rel[1], rest: rel.slice(2) };
  return { layer: 'app' };
}

function packageName(spec) {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

module.exports = {
  meta: {
    type: 'problem',
    docs: { description: 'Layer rules: pure domain, modules through index.ts, infrastructure below modules' },
    schema: [],
    messages: {
      domainImport: "src/domain must stay pure: '{{spec}}' is outside src/domain.",
      moduleInternals: "Import module '{{module}}' through its index.ts, not '{{spec}}'.",
      infraImportsModule: "Infrastructure never imports modules: '{{spec}}'.",
    },
  },
  create(context) {
    const file = context.filename;
    const root = context.cwd;
    const from = layerOf(file, root);
    if (from.layer === 'outside') return {};

    function check(node, spec) {
      if (typeof spec !== 'string') return;
      const relative = spec.startsWith('.');
      if (!relative) {
        if (from.layer === 'domain' && !DOMAIN_ALLOWED_PACKAGES.has(packageName(spec))) {
          context.report({ node, messageId: 'domainImport', data: { spec } });
        }
        return;
      }
      const target = layerOf(path.resolve(path.dirname(file), spec), root);
      if (from.layer === 'domain' && target.layer !== 'domain') {
        context.report({ node, messageId: 'domainImport', data: { spec } });
      }
      if (from.layer === 'infrastructure' && target.layer === 'module') {
        context.report({ node, messageId: 'infraImportsModule', data: { spec } });
      }
      const crossesModule = target.layer === 'module' && target.module !== from.module;
      const throughIndex =
        target.rest !== undefined && (target.rest.length === 0 || (target.rest.length === 1 && /^index(\.ts)?$/.test(target.rest[0])));
      if (crossesModule && !throughIndex && from.layer !== 'infrastructure') {
        context.report({ node, messageId: 'moduleInternals', data: { spec, module: target.module } });
      }
    }

    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
      CallExpression: (node) => {
        if (
          node.callee.type === 'Identifier' &&
          node.callee.name === 'require' &&
          node.arguments[0]?.type === 'Literal'
        ) {
          check(node, node.arguments[0].value);
        }
      },
    };
  },
};
