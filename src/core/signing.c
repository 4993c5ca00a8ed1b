/* signing.c: Ed25519 keys, signature lines and their checks. */
#define _POSIX_C_SOURCE 200809L
#include "core/signing.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const char PREFIX[] = "vigil-signature ed25519 ";

int signing_key_open(const char *path, bool create, struct signing_key *out,
                     struct vg_err *err)
{
    if (sodium_init() < 0)
        return vg_err_set(err, VG_EIO, "signing_key", "libsodium failed");
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0 && errno == ENOENT && create) {
        fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd >= 0) {
            crypto_sign_keypair(out->public, out->secret);
            bool ok = write(fd, out->secret, sizeof out->secret) ==
                          (ssize_t)sizeof out->secret &&
                      fsync(fd) == 0;
            close(fd);
            return ok ? 0
                      : vg_err_set(err, VG_EIO, "signing_key",
                                   "cannot write %s", path);
        }
    }
    if (fd < 0)
        return vg_err_set(err, errno == ENOENT ? VG_ENOTFOUND : VG_EIO,
                          "signing_key", "cannot open %s: %s", path,
                          strerror(errno));
    ssize_t n = read(fd, out->secret, sizeof out->secret);
    close(fd);
    if (n != (ssize_t)sizeof out->secret ||
        crypto_sign_ed25519_sk_to_pk(out->public, out->secret) != 0)
        return vg_err_set(err, VG_ECORRUPT, "signing_key",
                          "%s is not a signing key", path);
    return 0;
}

void signing_public_text(const uint8_t pk[32], char out[48])
{
    sodium_bin2base64(out, 48, pk, 32, sodium_base64_VARIANT_ORIGINAL);
}

void signing_line(const struct signing_key *k, const void *data, size_t len,
                  struct buf *out)
{
    uint8_t sig[crypto_sign_BYTES];
    char pk[48], sig64[100];
    crypto_sign_detached(sig, NULL, data, len, k->secret);
    signing_public_text(k->public, pk);
    sodium_bin2base64(sig64, sizeof sig64, sig, sizeof sig,
                      sodium_base64_VARIANT_ORIGINAL);
    buf_printf(out, "%s%s %s\n", PREFIX, pk, sig64);
}

int signing_check(const char *line, size_t line_len, const void *data,
                  size_t len, uint8_t pk[32])
{
    char copy[256];
    uint8_t sig[crypto_sign_BYTES];
    size_t n = 0;
    if (sodium_init() < 0 || line_len >= sizeof copy ||
        line_len < sizeof PREFIX ||
        strncmp(line, PREFIX, sizeof PREFIX - 1) != 0)
        return VG_EINVAL;
    memcpy(copy, line, line_len);
    copy[line_len] = '\0';
    char *key = copy + sizeof PREFIX - 1, *space = strchr(key, ' ');
    if (space == NULL)
        return VG_EINVAL;
    *space = '\0';
    char *s = space + 1;
    s[strcspn(s, " \r\n")] = '\0';
    if (sodium_base642bin(pk, 32, key, strlen(key), NULL, &n, NULL,
                          sodium_base64_VARIANT_ORIGINAL) != 0 ||
        n != 32 ||
        sodium_base642bin(sig, sizeof sig, s, strlen(s), NULL, &n, NULL,
                          sodium_base64_VARIANT_ORIGINAL) != 0 ||
        n != sizeof sig)
        return VG_EINVAL;
    return crypto_sign_verify_detached(sig, data, len, pk) == 0 ? 0
                                                                : VG_EDENIED;
}
