#!/usr/bin/env bash
# Tries a qualplan .deb as a person who installs it would, without touching
# the machine's own packages: installs it with dpkg into a scratch root,
# runs `qualplan --version` and `qualplan list` from / with an empty home,
# reads every manual page, loads the completions in bash, zsh and fish from
# where the package put them, then removes the package again.
# Needs dpkg, man, groff, bash, zsh and fish.
#
#   packaging/check-deb.sh target/debian/qualplan_0.1.0-1_amd64.deb
set -euo pipefail

deb=$(realpath "${1:?usage: check-deb.sh PACKAGE.deb}")
for tool in dpkg dpkg-deb man groff zsh fish; do
    if ! command -v "$tool" >/dev/null; then
        echo "check-deb.sh: $tool is missing (apt-get install zsh fish man-db groff-base)" >&2
        exit 1
    fi
done

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
root="$scratch/root"
home="$scratch/home"
mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates" "$home"
touch "$root/var/lib/dpkg/status"

fail() {
    echo "check-deb.sh: $*" >&2
    exit 1
}

# The control data first: what apt would show.
dpkg-deb --field "$deb" Package Version Architecture Depends Section
[ "$(dpkg-deb --field "$deb" Package)" = qualplan ] || fail "the package is not named qualplan"

# A real install into the scratch root: dpkg's own database there knows
# nothing of libc6, hence --force-depends.
if ! dpkg --root="$root" --force-depends --force-script-chrootless --log=/dev/null \
    --install "$deb" >"$scratch/dpkg.log" 2>&1; then
    cat "$scratch/dpkg.log" >&2
    fail "dpkg could not install $deb"
fi
dpkg --root="$root" --listfiles qualplan >"$scratch/files"
for path in \
    /usr/bin/qualplan \
    /usr/share/man/man1/qualplan.1.gz \
    /usr/share/man/man1/qualplan-completions.1.gz \
    /usr/share/bash-completion/completions/qualplan \
    /usr/share/zsh/vendor-completions/_qualplan \
    /usr/share/fish/vendor_completions.d/qualplan.fish \
    /usr/share/doc/qualplan/copyright \
    /usr/share/doc/qualplan/changelog.Debian.gz; do
    grep -qx "$path" "$scratch/files" || fail "the package does not install $path"
done

# Run from / with an empty home and nothing but the system's PATH: the
# binary needs neither the source tree nor a config.
bin="$root/usr/bin/qualplan"
in_root() {
    (cd / && env -i HOME="$home" PATH="$root/usr/bin:/usr/bin:/bin" "$@")
}
version=$(in_root qualplan --version)
echo "$version"
[ "$version" = "qualplan $(dpkg-deb --field "$deb" Version | sed 's/-[^-]*$//')" ] ||
    fail "qualplan --version says '$version'"
in_root qualplan list | grep -q "l5-dip-cm" || fail "qualplan list does not list l5-dip-cm"

# Every page renders without a warning, and `man qualplan` finds them.
subcommands=$(in_root qualplan --help |
    sed -n '/^Commands:/,/^$/p' | awk 'NR > 1 && NF && $1 != "help" { print $1 }')
[ -n "$subcommands" ] || fail "qualplan --help lists no subcommands"
for page in "$root"/usr/share/man/man1/*.1.gz; do
    warnings=$(zcat "$page" | groff -man -Tutf8 -ww -z 2>&1)
    [ -z "$warnings" ] || fail "$(basename "$page"): $warnings"
done
main=$(MANPATH="$root/usr/share/man" MANWIDTH=80 MANPAGER=cat man qualplan)
for name in $subcommands; do
    grep -q "qualplan-$name(1)" <<<"$main" || fail "qualplan(1) does not mention $name"
    [ -e "$root/usr/share/man/man1/qualplan-$name.1.gz" ] || fail "no page for qualplan $name"
done

# bash: the script the bash-completion package would load for `qualplan`.
offered=$(bash --noprofile --norc -c '
    source "$1/usr/share/bash-completion/completions/qualplan"
    COMP_WORDS=(qualplan ""); COMP_CWORD=1; COMP_LINE="qualplan "; COMP_POINT=9
    _qualplan qualplan "" qualplan 2>/dev/null
    printf "%s\n" "${COMPREPLY[@]}"' bash "$root")
for name in $subcommands; do
    grep -qx "$name" <<<"$offered" || fail "bash does not complete $name"
done

# zsh: compinit finds _qualplan on the vendor-completions path.
registered=$(HOME="$home" zsh -f -c '
    fpath=("$1/usr/share/zsh/vendor-completions" $fpath)
    autoload -Uz compinit && compinit -u -d "$2/zcompdump"
    print -r -- "$_comps[qualplan]"' zsh "$root" "$home")
[ "$registered" = _qualplan ] || fail "zsh has no completion for qualplan ('$registered')"

# fish: the vendor completions folder, asked what follows `qualplan ` (fish
# loads a command's completions only once the command is on the PATH).
offered=$(HOME="$home" PATH="$root/usr/bin:$PATH" fish --no-config -c '
    set fish_complete_path $argv[1]/usr/share/fish/vendor_completions.d $fish_complete_path
    complete --do-complete "qualplan "' "$root")
for name in $subcommands; do
    grep -q "^$name"$'\t' <<<"$offered" || fail "fish does not complete $name"
done

dpkg --root="$root" --force-script-chrootless --log=/dev/null --remove qualplan >/dev/null
[ ! -e "$bin" ] || fail "dpkg --remove left $bin behind"
echo "check-deb.sh: $(basename "$deb") installs, runs from /, and its manual and completions work"
