#!/usr/bin/env bash
# The kernel work of cow-demo with no teaching: the same writes, fsyncs and flushes, in the
# same order, so the ratio measures only what the lesson adds.
set -euo pipefail
parent=${1:-/tmp}
size_mib=${2:-256}
trials=${3:-1}
ws=$(mktemp -d "$parent/overlay-bare-XXXXXX")
trap 'umount "$ws/merged" 2>/dev/null || true; rm -rf "$ws"' EXIT
cd "$ws"
mkdir -p lower upper work merged
dd if=/dev/zero of=lower/bigfile.bin bs=1M count="$size_mib" conv=fsync status=none
printf 'small\n' > lower/small.txt
printf '[app]\nmode = production\n' > lower/config.ini
ls -l lower > /dev/null
mount -t overlay overlay -o "lowerdir=$ws/lower,upperdir=$ws/upper,workdir=$ws/work" "$ws/merged"
stat -f -c %T upper > /dev/null
du -sh lower upper > /dev/null
md5sum merged/bigfile.bin > /dev/null
printf 'more\n' >> merged/small.txt
sync -f lower
dd if=/dev/zero of=merged/bigfile.bin bs=1 count=1 oflag=append conv=notrunc status=none
for _ in 1 2 3; do
  sync -f upper
  dd if=/dev/zero of=merged/bigfile.bin bs=1 count=1 oflag=append conv=notrunc status=none
done
du -sh lower upper > /dev/null
mkdir -p direct
for ((trial = 1; trial <= trials; trial++)); do
  if ((trial % 2 == 1)); then order="direct merged"; else order="merged direct"; fi
  for where in $order; do
    sync -f upper
    dd if=/dev/zero of="$where/new-$trial.bin" bs=1M count="$size_mib" conv=fsync status=none
    rm "$where/new-$trial.bin"
  done
done
umount merged
