/* demo_data.S: the demo bundle (data/demo/iran-nov-2019.json), embedded so
 * that `vigil demo` needs no file beside the binary. demo_bundle is its
 * bytes followed by a NUL; demo_bundle_len is its length without the NUL. */
    .section .rodata
    .global demo_bundle
    .global demo_bundle_len
    .type demo_bundle, @object
demo_bundle:
    .incbin "data/demo/iran-nov-2019.json"
    .byte 0
demo_bundle_end:
    .balign 8
    .type demo_bundle_len, @object
demo_bundle_len:
    .quad demo_bundle_end - demo_bundle - 1
    .section .note.GNU-stack,"",@progbits
