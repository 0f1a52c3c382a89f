#!/usr/bin/env bash
# Set-up for Debian/Ubuntu, shared by tools/run.sh and tools/test.sh: installs what is
# missing (system packages via apt when run as root or with sudo, the virtual environment,
# the project's pip packages) and does nothing more when everything is there.
set -euo pipefail
cd "$(dirname "$0")/.."

# System packages: ffmpeg/ffprobe (media pipelines, tests), libvlc with its X11 video output
# (second player backend), Xvfb (GUI on a machine without a screen), the libraries Qt's xcb
# platform needs, and PostgreSQL (the store's tests run against a real server too).
packages=(ffmpeg libvlc5 vlc-plugin-base vlc-plugin-video-output vlc-bin xvfb xauth x11-utils
  imagemagick poppler-utils libegl1 libgl1 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4
  libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0 libxcb-shape0
  libxcb-xinerama0 libxcb-xkb1 libfontconfig1 libdbus-1-3 python3-venv postgresql)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
fi

python=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv with $($python --version)"
  $python -m venv .venv
fi
# Reinstall the pip packages only when the project's requirements changed.
stamp=.venv/.patrol-app-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e '.[test]'
  touch "$stamp"
fi
