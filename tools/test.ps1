# The whole test suite: lint, format check, architecture contracts, types, then every test.
$ErrorActionPreference = "Stop"
& (Join-Path $PSScriptRoot "setup.ps1")
Set-Location (Join-Path $PSScriptRoot "..")
.venv\Scripts\ruff.exe check .;          if ($LASTEXITCODE) { exit $LASTEXITCODE }
.venv\Scripts\ruff.exe format --check .; if ($LASTEXITCODE) { exit $LASTEXITCODE }
.venv\Scripts\lint-imports.exe;          if ($LASTEXITCODE) { exit $LASTEXITCODE }
.venv\Scripts\mypy.exe;                  if ($LASTEXITCODE) { exit $LASTEXITCODE }
.venv\Scripts\python.exe -m pytest @args
exit $LASTEXITCODE
