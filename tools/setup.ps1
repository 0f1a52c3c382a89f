# Set-up for Windows 10/11, shared by tools\run.ps1 and tools\test.ps1: installs what is
# missing (Python 3.11, VLC, ffmpeg, poppler via winget; the virtual environment; the pip packages).
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..")

function Install-IfMissing([string]$Command, [string]$WingetId) {
    if (-not (Get-Command $Command -ErrorAction SilentlyContinue)) {
        Write-Host "setup: installing $WingetId"
        winget install --exact --id $WingetId --silent --accept-package-agreements --accept-source-agreements
        $env:Path = [Environment]::GetEnvironmentVariable("Path", "Machine") + ";" + [Environment]::GetEnvironmentVariable("Path", "User")
    }
}

Install-IfMissing "py" "Python.Python.3.11"
# ffmpeg and ffprobe on PATH (the app falls back to imageio-ffmpeg's binary; tests need ffprobe).
Install-IfMissing "ffprobe" "Gyan.FFmpeg"
# pdffonts, pdftotext, pdftoppm: the report tests read the PDFs as a reader does (poppler for
# Windows, with its fontconfig: the tests hide every font from it through FONTCONFIG_FILE).
Install-IfMissing "pdftotext" "oschwartz10612.Poppler"
# libvlc for the second player backend.
if (-not (Test-Path "$env:ProgramFiles\VideoLAN\VLC\libvlc.dll")) {
    Write-Host "setup: installing VideoLAN.VLC"
    winget install --exact --id VideoLAN.VLC --silent --accept-package-agreements --accept-source-agreements
}

if (-not (Test-Path ".venv\Scripts\python.exe")) {
    Write-Host "setup: creating .venv"
    py -3.11 -m venv .venv
}
$stamp = ".venv\.patrol-app-installed"
if (-not (Test-Path $stamp) -or ((Get-Item "pyproject.toml").LastWriteTime -gt (Get-Item $stamp).LastWriteTime)) {
    .venv\Scripts\python.exe -m pip install -q --upgrade pip
    .venv\Scripts\python.exe -m pip install -q -e ".[test]"
    New-Item -ItemType File -Force $stamp | Out-Null
}
