/* The version, set by meson from project(). */
#include "adpa/adpa.h"

const char *adpa_version(void)
{
	return ADPA_VERSION;
}
