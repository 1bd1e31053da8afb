#!/usr/bin/env bash
# Installs the real MCP clients from npm into an npm prefix of their own and checks that each one runs:
#   @anthropic-ai/claude-code  (claude)   CLAUDE_CODE_VERSION, default below
#   @openai/codex              (codex)    CODEX_VERSION
#   @google/gemini-cli         (gemini)   GEMINI_CLI_VERSION
# Usage: ci/install-clients.sh PREFIX   (the commands end up in PREFIX/node_modules/.bin)
# A prefix that already holds these versions is reused as it is. Exits non-zero, saying why, when a client does not run.
#
# Claude Code's package ships a native binary: bin/claude.exe is a placeholder that its postinstall script replaces
# with the binary of the platform package (@anthropic-ai/claude-code-<platform>). When npm skipped that script
# (--ignore-scripts, some npm configurations), this script runs it; older versions that ship cli.js need nothing.
set -uo pipefail

prefix=${1:?usage: ci/install-clients.sh PREFIX}
claude_version=${CLAUDE_CODE_VERSION:-2.1.328}
codex_version=${CODEX_VERSION:-0.169.0}
gemini_version=${GEMINI_CLI_VERSION:-0.61.0}
bin=$prefix/node_modules/.bin

die() {
    echo "install-clients: $*" >&2
    exit 1
}
# The first line a command prints for --version, or nothing when it fails.
version_of() {
    "$bin/$1" --version 2>/dev/null | head -n 1
}
have_all() {
    [[ $(version_of claude) == "$claude_version"* && $(version_of codex) == *"$codex_version"* &&
        $(version_of gemini) == "$gemini_version"* ]]
}

command -v npm >/dev/null || die "npm is needed to install the clients"
mkdir -p "$prefix" || die "cannot create $prefix"
prefix=$(cd -P -- "$prefix" && pwd -P)
bin=$prefix/node_modules/.bin

if have_all; then
    echo "Clients already installed in $prefix"
else
    echo "Installing @anthropic-ai/claude-code@$claude_version @openai/codex@$codex_version" \
        "@google/gemini-cli@$gemini_version into $prefix ..."
    started=$SECONDS
    npm install --prefix "$prefix" --no-audit --no-fund --loglevel=error \
        "@anthropic-ai/claude-code@$claude_version" "@openai/codex@$codex_version" \
        "@google/gemini-cli@$gemini_version" >"$prefix/npm-install.log" 2>&1 ||
        { cat "$prefix/npm-install.log" >&2; die "npm install failed"; }
    echo "npm install took $((SECONDS - started)) s"
fi

# Claude Code: how does `claude` resolve, and is the native binary in place?
package=$prefix/node_modules/@anthropic-ai/claude-code
[[ -e $bin/claude ]] || die "npm created no claude command in $bin (package layout: $(ls "$package" 2>&1))"
if [[ $(version_of claude) != "$claude_version"* ]]; then
    target=$(readlink -f "$bin/claude")
    echo "claude resolves to $target and does not run; running the package's install script"
    if [[ -f $package/install.cjs ]]; then
        (cd "$package" && node install.cjs) || die "the claude-code install script failed"
    else
        die "claude does not run and the package has no install.cjs (layout: $(ls "$package"))"
    fi
fi

for client in claude codex gemini; do
    version=$(version_of "$client")
    [[ -n $version ]] || die "$client does not run: $("$bin/$client" --version 2>&1 | head -n 3)"
    echo "$client: $version"
done
have_all || die "installed versions differ from the ones asked for (claude $claude_version, codex $codex_version," \
    "gemini $gemini_version)"
