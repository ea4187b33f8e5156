#!/usr/bin/env bash
# The print tests' printer: starts the CUPS scheduler if it is not running and adds the
# virtual PDF queue FazhiPDF (cups-pdf) writing into $FAZHI_CUPS_PDF_OUT (default
# /var/spool/cups-pdf-fazhi). Idempotent; prints "QUEUE OUT_DIR" on success. Installed by
# scripts/setup-test.sh (cups, printer-driver-cups-pdf); fails loudly when missing.
set -euo pipefail
queue=${FAZHI_CUPS_QUEUE:-FazhiPDF}
out=${FAZHI_CUPS_PDF_OUT:-/var/spool/cups-pdf-fazhi}
ppd=/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd
for tool in cupsd lpadmin lpstat lp; do
  if ! command -v "$tool" >/dev/null && [ ! -x "/usr/sbin/$tool" ]; then
    echo "cups-test-queue: $tool is missing: run scripts/setup-test.sh (apt: cups printer-driver-cups-pdf)" >&2
    exit 1
  fi
done
if [ ! -f "$ppd" ] || [ ! -f /etc/cups/cups-pdf.conf ]; then
  echo "cups-test-queue: cups-pdf is missing: apt-get install printer-driver-cups-pdf" >&2
  exit 1
fi
mkdir -p "$out"
chmod 1777 "$out"
# cups-pdf writes where `Out` says; one fixed folder instead of each user's ~/PDF.
if ! grep -qx "Out $out" /etc/cups/cups-pdf.conf; then
  sed -i '/^Out /d' /etc/cups/cups-pdf.conf
  echo "Out $out" >> /etc/cups/cups-pdf.conf
fi
if ! LC_ALL=C lpstat -r 2>/dev/null | grep -q "is running"; then
  # No systemd in CI: the scheduler as a daemon of its own (-f would stay in front).
  /usr/sbin/cupsd
  for _ in $(seq 50); do
    LC_ALL=C lpstat -r 2>/dev/null | grep -q "is running" && break
    sleep 0.1
  done
fi
if ! LC_ALL=C lpstat -r 2>/dev/null | grep -q "is running"; then
  echo "cups-test-queue: cupsd did not start" >&2
  exit 1
fi
if ! lpstat -e 2>/dev/null | grep -qx "$queue"; then
  # (lpadmin warns that printer drivers are deprecated: harmless for cups-pdf.)
  /usr/sbin/lpadmin -p "$queue" -v cups-pdf:/ -P "$ppd" -E 2>/dev/null
fi
cupsenable "$queue" 2>/dev/null || /usr/sbin/cupsenable "$queue"
cupsaccept "$queue" 2>/dev/null || /usr/sbin/cupsaccept "$queue"
echo "$queue $out"
