#!/usr/bin/env bash
# media.sh: benchmark of images (README "Images").
# 1. Serving: GET of a 60 KB WebP rendition (1280 pixels wide) from
#    `vigil serve`, answered by the front from its cache, against nginx
#    serving the same bytes as a static file and refserver (the machine's
#    ceiling), interleaved by the shared kit (../shared/bench/
#    compare-static.sh) as P1 is (p1-static.sh): the kit's page is
#    replaced by the WebP's bytes, and only plain requests are made (an
#    image is not gzipped).
# 2. Processing: `vigil media add` (decode, orient, redact, resize to
#    320/640/1280, encode WebP and JPEG) of photos of 2, 8 and 24
#    megapixels, each REPS times; prints the median time per megapixel.
# Appends both tables to RESULTS.md.
# Usage: [BACKEND=sqlite|postgresql] bench/media.sh [pinned|shared] [REPS] [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
MODE=${1:-pinned}
REPS=${2:-3}
DUR=${3:-10}
RUN=${RUN:-/tmp/vigil-bench-media}
KIT=$(cd ../shared/bench && pwd)
rm -rf "$RUN" && mkdir -p "$RUN"
make -s all
export VIGIL_NOW=2019-12-28T12:30:00Z
VIGIL=$PWD/build/release/vigil

. bench/backend.sh
db=$(bench_db media)
$VIGIL --db "$db" init >/dev/null
$VIGIL --db "$db" demo >/dev/null

# A photo-like image W x H (noise of strength SIGMA on a gradient) as a
# JPEG at $RUN/photo-W-SIGMA.jpg; prints its path.
photo() {
    local w=$1 h=$2 sigma=$3 out=$RUN/photo-$1-$3.jpg
    vips gaussnoise "$RUN/n.v" "$w" "$h" --sigma "$sigma" --mean 128
    vips xyz "$RUN/xy.v" "$w" "$h"
    vips extract_band "$RUN/xy.v" "$RUN/x.v" 0
    vips linear "$RUN/x.v" "$RUN/g.v" "$(awk -v w="$w" 'BEGIN{print 192/w}')" 20
    vips add "$RUN/g.v" "$RUN/n.v" "$RUN/s.v"
    vips cast "$RUN/s.v" "$RUN/u.v" uchar
    vips bandjoin "$RUN/u.v $RUN/u.v $RUN/u.v" "$RUN/c.v"
    vips copy "$RUN/c.v" "${out}[Q=92]" --interpretation srgb
    echo "$out"
}

# ==== 1. Serving a 60 KB WebP ====

# The noise that makes the 1280-pixel WebP rendition 50-70 KB.
sha=
for sigma in 4 5 6 7 8 9 10 11 12; do
    out=$($VIGIL --db "$db" media add "$(photo 1600 1200 $sigma)" \
        --tracker iran-nov-2019 --alt "bench $sigma")
    line=$(grep '\.webp 1280x' <<<"$out")
    sha=${line%%.webp*}
    $VIGIL --db "$db" media file "$sha" --output "$RUN/image.webp"
    size=$(wc -c <"$RUN/image.webp")
    [ "$size" -ge 51200 ] && break
done
if [ "$size" -lt 51200 ] || [ "$size" -gt 71680 ]; then
    echo "media.sh: no rendition of 50-70 KB ($size bytes)" >&2
    exit 1
fi

cp -r "$KIT" "$RUN/kit"
cp "$RUN/image.webp" "$RUN/kit/page/live.html" # the bytes every server sends
threads=$([ "$MODE" = shared ] && echo 2 || echo 1)
cmd="$VIGIL --db $db serve --listen 127.0.0.1:18090 --threads $threads --trusted-proxy 127.0.0.0/8"
env RUN="$RUN/kit-run" bash "$RUN/kit/compare-static.sh" --mode "$MODE" \
    --reps "$REPS" --duration "$DUR" --gzip 0 \
    --own-url "http://127.0.0.1:18090/media/$sha.webp" \
    --own-cmd "$cmd" 2>&1 | tee "$RUN/out.txt"

# ==== 2. Processing time per megapixel ====

declare -A per_mp
for dims in "1600 1200" "3264 2448" "5984 3988"; do
    read -r w h <<<"$dims"
    f=$(photo "$w" "$h" 4)
    times=()
    for _ in $(seq "$REPS"); do
        start=$(date +%s%N)
        $VIGIL --db "$db" media add "$f" --tracker iran-nov-2019 --alt "bench" \
            --redact "10,10,200,200" >/dev/null
        times+=($(( $(date +%s%N) - start )))
    done
    median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (REPS + 1) / 2 ))p")
    per_mp[$w x $h]=$(awk -v ns="$median" -v px=$((w * h)) \
        'BEGIN { printf "%.0f ms total, %.0f ms per megapixel", ns / 1e6, ns / 1e6 / (px / 1e6) }')
done

{
    echo
    echo "## Images: a $size-byte WebP served vs nginx, $MODE mode; processing, $BACKEND record ($(date -u +%Y-%m-%d))"
    echo
    echo "Command: \`BACKEND=$BACKEND bench/media.sh $MODE $REPS $DUR\` on"
    echo "$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //');"
    echo "$(nginx -v 2>&1 | sed 's/.*: //'), wrk; Vigil's release build with"
    echo "$threads request thread(s) serving /media/SHA256.webp from the front's cache."
    echo
    echo '```'
    sed -n '/^medians of/,$p' "$RUN/out.txt"
    echo '```'
    echo
    echo "Processing (\`vigil media add\`, one region redacted, median of $REPS, the"
    echo "process's start and the store's write included):"
    echo
    for k in "${!per_mp[@]}"; do echo "- $k: ${per_mp[$k]}"; done | sort
} >>bench/RESULTS.md
