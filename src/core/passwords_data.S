/* passwords_data.S: the common-password list (data/common-passwords.txt),
 * embedded so that no file beside the binary is needed. common_passwords
 * is its bytes followed by a NUL. */
    .section .rodata
    .global common_passwords
    .type common_passwords, @object
common_passwords:
    .incbin "data/common-passwords.txt"
    .byte 0
    .section .note.GNU-stack,"",@progbits
