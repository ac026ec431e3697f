// SPDX-License-Identifier: GPL-3.0-or-later
// Error domain shared by every Loket library.
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define LOKET_ERROR (loket_error_quark ())

typedef enum
{
  LOKET_ERROR_FAILED,
  LOKET_ERROR_INVALID_DATA, /* malformed file, JSON or user input */
  LOKET_ERROR_NOT_FOUND,
  LOKET_ERROR_CORRUPT,      /* integrity broken: hash chain, database, archive */
  LOKET_ERROR_IO,
  LOKET_ERROR_CONFLICT,
  LOKET_ERROR_FORBIDDEN,
  LOKET_ERROR_UNSUPPORTED,
} LoketError;

GQuark loket_error_quark (void);

G_END_DECLS
