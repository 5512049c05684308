/*
 * fuzz_message.c — libFuzzer target: the bounce message reader.  The input
 * becomes the body of a multipart report, so every input walks the MIME, DSN
 * and ARF code (boundaries, nesting, encodings) whatever its first bytes.
 * Properties: as for the classifier, and the report wrapper never changes the
 * answer's validity.
 */
#include "fuzz.h"

#define HEADER \
	"From: MAILER-DAEMON@example.net\r\nSubject: Undelivered Mail\r\nMIME-Version: 1.0\r\n" \
	"Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\r\n\r\n--b\r\n"

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	size_t		hlen = sizeof(HEADER) - 1;
	char	   *msg = malloc(hlen + size);

	PROPERTY(msg != NULL);
	fuzz_init();
	memcpy(msg, HEADER, hlen);
	memcpy(msg + hlen, data, size);
	fuzz_classify_checked(msg, hlen + size);
	free(msg);
	return 0;
}
