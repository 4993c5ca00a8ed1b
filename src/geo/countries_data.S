/* countries_data.S: ISO 3166-1 (names, alpha-3 and numeric codes) from
 * Debian's iso-codes package, embedded at build time. iso_3166_1_json is
 * its bytes followed by a NUL. */
    .section .rodata
    .global iso_3166_1_json
    .type iso_3166_1_json, @object
iso_3166_1_json:
    .incbin "/usr/share/iso-codes/json/iso_3166-1.json"
    .byte 0
    .section .note.GNU-stack,"",@progbits
