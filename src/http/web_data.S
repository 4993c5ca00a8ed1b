/* web_data.S: the files under web/, embedded so that the binary serves
 * them with nothing beside it. Each symbol is the file's bytes; each
 * *_len symbol its length. */
    .section .rodata
    .global web_style_css
    .global web_style_css_len
web_style_css:
    .incbin "web/style.css"
web_style_css_end:
    .balign 8
web_style_css_len:
    .quad web_style_css_end - web_style_css
    .section .rodata
    .global web_icon_svg
    .global web_icon_svg_len
web_icon_svg:
    .incbin "web/icon.svg"
web_icon_svg_end:
    .balign 8
web_icon_svg_len:
    .quad web_icon_svg_end - web_icon_svg
    .section .rodata
    .global web_live_js
    .global web_live_js_len
web_live_js:
    .incbin "web/live.js"
web_live_js_end:
    .balign 8
web_live_js_len:
    .quad web_live_js_end - web_live_js
    .section .note.GNU-stack,"",@progbits
    .section .rodata
    .global web_desk_js
    .global web_desk_js_len
web_desk_js:
    .incbin "web/desk.js"
web_desk_js_end:
    .balign 8
web_desk_js_len:
    .quad web_desk_js_end - web_desk_js
    .section .rodata
    .global web_embed_js
    .global web_embed_js_len
web_embed_js:
    .incbin "web/embed.js"
web_embed_js_end:
    .balign 8
web_embed_js_len:
    .quad web_embed_js_end - web_embed_js
    .section .rodata
    .global web_openapi_json
    .global web_openapi_json_len
web_openapi_json:
    .incbin "web/openapi.json"
web_openapi_json_end:
    .balign 8
web_openapi_json_len:
    .quad web_openapi_json_end - web_openapi_json
