#!/usr/bin/env bash
# Lints every CloudFormation template in manifests/aws with AWS's cfn-lint. Any error or warning fails.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

if ! command -v cfn-lint >/dev/null 2>&1; then
  echo "lint-templates: cfn-lint not found on PATH. It is AWS's CloudFormation linter (Python package cfn-lint, on this" >&2
  echo "project's machine image); install it with 'pip install cfn-lint' to lint manifests/aws/*.yaml." >&2
  exit 127
fi

shopt -s nullglob
templates=("$root"/manifests/aws/*.yaml)
if [ ${#templates[@]} -eq 0 ]; then
  echo "lint-templates: no templates in $root/manifests/aws" >&2
  exit 1
fi

# cfn-lint exits 0 only when it finds nothing: 2 = error, 4 = warning, 8 = informational (not reported by default).
if cfn-lint --format parseable -- "${templates[@]}"; then
  echo "lint-templates: ${#templates[@]} templates, no errors, no warnings (cfn-lint $(cfn-lint --version | awk '{print $2}'))"
else
  status=$?
  echo "lint-templates: cfn-lint found problems (exit $status) in manifests/aws" >&2
  exit "$status"
fi
