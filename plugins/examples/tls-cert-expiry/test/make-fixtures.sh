#!/bin/sh
# Regenerates the certificate fixtures (committed; they are test data). Needs openssl 3.
# Dates are far in the past or future so that the tests do not depend on today's date.
set -eu
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/db"
: > "$work/db/index.txt"
echo 1000 > "$work/db/serial"
cat > "$work/ca.cnf" <<CNF
[ ca ]
default_ca = fixture
[ fixture ]
database = $work/db/index.txt
serial = $work/db/serial
new_certs_dir = $work/db
default_md = sha256
policy = any
unique_subject = no
copy_extensions = none
[ any ]
commonName = supplied
organizationName = optional
[ req ]
distinguished_name = dn
prompt = no
[ dn ]
CN = unused
CNF

# cert NAME SUBJECT START END  -> NAME.pem (self-signed EC P-256, explicit validity)
cert() {
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$work/$1.key" 2>/dev/null
  openssl req -new -key "$work/$1.key" -subj "$2" -utf8 -out "$work/$1.csr" -config "$work/ca.cnf"
  openssl ca -batch -notext -utf8 -config "$work/ca.cnf" -selfsign -keyfile "$work/$1.key" -in "$work/$1.csr" \
    -startdate "$3" -enddate "$4" -out "$work/$1.pem" 2>/dev/null
}

cert valid-2099   "/CN=valid.example.test/O=Fixtures"  20200101000000Z 20991231235959Z
cert valid-2049   "/CN=utc.example.test"               20200101000000Z 20491231235959Z
cert utf8-2049    "/CN=zertifikat-grüße.example.test"  20200101000000Z 20490601000000Z
cert deep-2099    "/CN=deep.example.test"              20200101000000Z 20990101000000Z
cert expired-2001 "/CN=expired.example.test"           20000101000000Z 20010101000000Z
cert future-2098  "/CN=future.example.test"            20980101000000Z 20990101000000Z

rm -rf fixtures
mkdir -p fixtures/pass/sub fixtures/fail fixtures/empty
cp "$work/valid-2099.pem" fixtures/pass/valid-2099.pem
cat "$work/valid-2049.pem" "$work/utf8-2049.pem" > fixtures/pass/bundle.crt
openssl x509 -in "$work/valid-2099.pem" -outform DER -out fixtures/pass/valid-2099.der
cp "$work/deep-2099.pem" fixtures/pass/sub/deep-2099.pem
# a private-key block (placeholder bytes, no key material): not a certificate, ignored
printf -- '-----BEGIN PRIVATE KEY-----\nRml4dHVyZSBvbmx5OiBub3QgYSBrZXku\n-----END PRIVATE KEY-----\n' > fixtures/pass/not-a-cert.pem
echo "not a certificate" > fixtures/pass/README.txt          # wrong extension, ignored

cp "$work/valid-2099.pem" fixtures/fail/valid-2099.pem
cp "$work/expired-2001.pem" fixtures/fail/expired-2001.pem
cp "$work/future-2098.pem" fixtures/fail/future-2098.pem
printf -- '-----BEGIN CERTIFICATE-----\nthis is not base64!\n-----END CERTIFICATE-----\n' > fixtures/fail/garbage.pem
echo "No certificates here." > fixtures/empty/README.txt
