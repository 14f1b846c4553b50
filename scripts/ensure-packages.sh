# Sourced by the scripts: installs Debian packages that are missing (as root) or says how to.
ensure_debian_packages() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  ((${#missing[@]} == 0)) && return 0
  if ((EUID != 0)); then
    echo "Missing Debian packages. Run as root:" >&2
    echo "  apt-get update && apt-get install -y --no-install-recommends ${missing[*]}" >&2
    exit 1
  fi
  echo "Installing ${missing[*]} (apt)..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# Installs the locked npm packages when node_modules is missing or older than the lock file.
# `npm install` rather than `npm ci`: the registry here lacks some other platforms' optional
# binaries (e.g. @next/swc-darwin-*) at the locked versions, so the lock file cannot list them and
# `npm ci` refuses it; `npm install` installs exactly the locked versions all the same.
ensure_node_modules() {
  if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json || -n "${CI:-}" ]]; then
    npm install --no-audit --no-fund --loglevel=error
  fi
}
