# Start the workstation on the demo standalone site. Extra arguments go to `patrol-app demo`.
$ErrorActionPreference = "Stop"
& (Join-Path $PSScriptRoot "setup.ps1")
Set-Location (Join-Path $PSScriptRoot "..")
.venv\Scripts\patrol-app.exe demo @args
exit $LASTEXITCODE
