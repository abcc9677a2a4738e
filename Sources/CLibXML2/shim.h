// Debian's libxml2 is built with ICU, whose headers clash with Foundation's own ICU copy
// ("'UErrorCode' has different definitions in different modules"): the writer needs no ICU.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/xmlIO.h>
#include <libxml/xmlwriter.h>
