/* words_data.S: the English word list of Debian's wamerican package
 * (/usr/share/dict/american-english), embedded so that the extractor can
 * tell a capitalised common word at the start of a sentence ("Date",
 * "Post") from a place's name. english_words is its bytes followed by a
 * NUL. */
    .section .rodata
    .global english_words
    .type english_words, @object
english_words:
    .incbin "/usr/share/dict/american-english"
    .byte 0
    .section .note.GNU-stack,"",@progbits
