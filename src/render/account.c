/* account.c: the desk's own-account page (see account.h). */
#include "render/account.h"

#include <stdio.h>

#include "core/users.h"
#include "render/html.h"

void render_desk_password(struct buf *b, const struct desk *d)
{
    render_desk_begin(b, d, "Your password");
    HTML_LIT(b, "<p>A new password ends every other session of yours: "
                "browsers signed in elsewhere must sign in again. It also "
                "revokes your API tokens: issue new ones for your scripts "
                "(<code>vigil user token</code>).</p>\n");
    render_desk_form(b, d, "/admin/password");
    HTML_LIT(b, "<input type=\"hidden\" name=\"login\" "
                "autocomplete=\"username\"");
    html_attr(b, "value", d->login);
    HTML_LIT(b, ">\n<label>Current password <input type=\"password\" "
                "name=\"current_password\" required "
                "autocomplete=\"current-password\"></label>\n"
                "<label>New password <input type=\"password\" "
                "name=\"password\" required autocomplete=\"new-password\"");
    char n[16];
    snprintf(n, sizeof n, "%d", PASSWORD_MIN);
    html_attr(b, "minlength", n);
    snprintf(n, sizeof n, "%d", PASSWORD_MAX);
    html_attr(b, "maxlength", n);
    HTML_LIT(b, "></label>\n<label>New password again <input "
                "type=\"password\" name=\"password_again\" required "
                "autocomplete=\"new-password\"></label>\n"
                "<button>Change the password</button>\n</form>\n");
    render_desk_end(b, d);
}
