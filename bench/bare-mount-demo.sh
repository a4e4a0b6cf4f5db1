#!/usr/bin/env bash
# The kernel work of mount-demo with no teaching: the baseline the lesson is measured against.
# Same directories, files, mount, reads, writes, delete, and the same inspection commands.
set -euo pipefail
parent=${1:-/tmp}
ws=$(mktemp -d "$parent/overlay-bare-XXXXXX")
trap 'umount "$ws/merged" 2>/dev/null || true; rm -rf "$ws"' EXIT
cd "$ws"
mkdir -p lower upper work merged
mkdir -p lower/etc lower/app
printf '# app.conf\nserver_name = production\nport = 8080\n' > lower/etc/app.conf
printf 'print("hello")\n' > lower/app/main.py
printf 'built by: docker build\n' > lower/image-log.txt
find lower -type f > /dev/null
mount -t overlay overlay -o "lowerdir=$ws/lower,upperdir=$ws/upper,workdir=$ws/work" "$ws/merged"
findmnt merged > /dev/null
ls -A merged > /dev/null
cat merged/etc/app.conf > /dev/null
printf '# app.conf\nserver_name = development\nport = 3000\ndebug = true\n' > merged/etc/app.conf
head lower/etc/app.conf upper/etc/app.conf > /dev/null
printf 'data\n' > merged/container-data.txt
ls -A lower upper > /dev/null
rm merged/image-log.txt
stat -c '%F %t:%T' upper/image-log.txt > /dev/null
ls -lR upper > /dev/null
umount merged
