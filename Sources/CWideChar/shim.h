#ifndef ROOTMAIL_CWIDECHAR_SHIM_H
#define ROOTMAIL_CWIDECHAR_SHIM_H

/* The C library's wcwidth, which display widths need and which needs no ncurses. */
#include <locale.h>
#include <wchar.h>

/* wchar.h comes from the C library's module, built without the X/Open macros: declared here. */
extern int wcwidth(wchar_t character);

#endif
