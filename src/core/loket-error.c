// SPDX-License-Identifier: GPL-3.0-or-later
#include "loket-error.h"

G_DEFINE_QUARK (loket-error-quark, loket_error)
