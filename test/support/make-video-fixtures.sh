#!/bin/sh
# Regenerates the tiny golden files the fake /v1/videos server serves (committed; run only to change them).
# A 1 s, 72x128 (9:16) H.264 MP4 with the moov box first, and a JPEG thumbnail of its first frame.
set -eu
out="$(dirname "$0")/../fixtures/video"
mkdir -p "$out"
ffmpeg -hide_banner -loglevel error -y -f lavfi -i "testsrc2=size=72x128:rate=8:duration=1" \
  -c:v libx264 -preset veryslow -crf 40 -pix_fmt yuv420p -movflags +faststart -map_metadata -1 \
  -fflags +bitexact -flags:v +bitexact "$out/tiny.mp4"
ffmpeg -hide_banner -loglevel error -y -i "$out/tiny.mp4" -frames:v 1 -q:v 8 -fflags +bitexact \
  "$out/tiny-thumbnail.jpg"
ls -l "$out"
