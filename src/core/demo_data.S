/* demo_data.S: the demo bundles (data/demo/iran-nov-2019.json and its
 * Persian edition, iran-nov-2019-fa.json), embedded so that `vigil demo`
 * needs no file beside the binary. Each of demo_bundle and
 * demo_bundle_fa is the file's bytes followed by a NUL; its _len is its
 * length without the NUL. */
    .section .rodata
    .global demo_bundle
    .global demo_bundle_len
    .global demo_bundle_fa
    .global demo_bundle_fa_len
    .type demo_bundle, @object
demo_bundle:
    .incbin "data/demo/iran-nov-2019.json"
    .byte 0
demo_bundle_end:
    .type demo_bundle_fa, @object
demo_bundle_fa:
    .incbin "data/demo/iran-nov-2019-fa.json"
    .byte 0
demo_bundle_fa_end:
    .balign 8
    .type demo_bundle_len, @object
demo_bundle_len:
    .quad demo_bundle_end - demo_bundle - 1
    .type demo_bundle_fa_len, @object
demo_bundle_fa_len:
    .quad demo_bundle_fa_end - demo_bundle_fa - 1
    .section .note.GNU-stack,"",@progbits
