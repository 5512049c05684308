/*
 * message.c — walking a bounce message's MIME structure (see message.h).
 *
 * Work is linear in the input: each nesting level reads its own range once
 * to find its parts, and nesting is capped.  Decoded text goes through a fixed
 * line buffer on the stack; nothing is allocated.
 *
 * The decode stage, in order: a body is transfer-decoded (quoted-printable,
 * base64), then converted from its charset to UTF-8 (charset.c) while it is
 * still a stream of bytes, then cut into lines for the scanner; a header
 * field with RFC 2047 encoded words is decoded (encoded_words.c) and
 * unfolded before the scanner reads it.
 */
#include "message.h"

#include <stdint.h>
#include <string.h>

#include "ascii.h"
#include "charset.h"
#include "encoded_words.h"
#include "recipients.h"
#include "transfer_encoding.h"

#define MAX_DEPTH 6				/* deeper multiparts are read as text */
#define VALUE_MAX 512			/* an unfolded Content-Type value we keep */
#define LINE_MAX_DECODED 2048	/* a longer decoded line is scanned in pieces */
#define SNIFF_PREAMBLE_LINES 4	/* a headerless multipart's first delimiter comes within these lines */

typedef enum encoding
{
	ENC_IDENTITY,
	ENC_QUOTED_PRINTABLE,
	ENC_BASE64
} encoding;

/* What an entity's headers say about its body. */
typedef struct entity
{
	char		type[64];		/* "text/plain", lower case; "" when absent */
	char		boundary[128];
	size_t		boundary_len;
	char		charset[48];	/* the charset parameter, as written; "" when absent */
	encoding	enc;
	const char *body;
	size_t		body_len;
} entity;

/* A range of lines: next_line hands them out one by one. */
typedef struct cursor
{
	const char *text;
	size_t		len;
	size_t		pos;
} cursor;

/* The next line (without LF or CR); returns 0 at the end. */
static int
next_line(cursor *c, const char **line, size_t *len)
{
	const char *nl;
	size_t		end;

	if (c->pos >= c->len)
		return 0;
	nl = memchr(c->text + c->pos, '\n', c->len - c->pos);
	end = nl ? (size_t) (nl - c->text) : c->len;
	*line = c->text + c->pos;
	*len = end - c->pos;
	if (*len > 0 && (*line)[*len - 1] == '\r')
		(*len)--;
	c->pos = nl ? end + 1 : c->len;
	return 1;
}

/* Step over an mbox "From " separator line, if the cursor is at one. */
static void
skip_mbox_separator(cursor *c)
{
	const char *line;
	size_t		n;

	if (c->len - c->pos >= 5 && memcmp(c->text + c->pos, "From ", 5) == 0)
		next_line(c, &line, &n);
}

/* Step c past lines of nothing but blanks, never past the text's last line. */
static void
skip_blank_lines(cursor *c)
{
	size_t		start = c->pos;
	const char *line;
	size_t		n;

	while (next_line(c, &line, &n))
	{
		if (!ascii_is_blank(line, n) || c->pos == c->len)
			break;
		start = c->pos;
	}
	c->pos = start;
}

/*
 * Where a whole message's header block starts: after lines of nothing but
 * blanks (a message saved or pasted by hand often starts with one), an mbox
 * "From " separator line and blank lines after it.  Only for the message
 * itself: in a MIME part, an empty first line means the part has no header
 * fields.
 */
static size_t
message_start(const char *text, size_t len)
{
	cursor		c = {text, len, 0};
	size_t		sep;

	skip_blank_lines(&c);
	sep = c.pos;
	skip_mbox_separator(&c);
	if (c.pos != sep)
		skip_blank_lines(&c);
	return c.pos;
}

/*
 * Where the message's header block starts (message_start) when the text
 * looks like a message — a header block ending in a blank line, or header
 * fields to its end (no body); -1 when not.
 */
static long
header_block_at(const char *text, size_t len)
{
	size_t		start = message_start(text, len);
	cursor		c = {text, len, start};
	const char *line;
	size_t		n;
	int			headers = 0,
				known = 0;
	static const char *const message_headers[] = {
		"from:", "to:", "subject:", "date:", "received:", "return-path:", "content-type:",
		"mime-version:", "message-id:", "delivered-to:", "reply-to:", NULL
	};

	while (next_line(&c, &line, &n))
	{
		int			i;

		if (n == 0)
			return headers > 0 && known > 0 ? (long) start : -1;
		if (line[0] == ' ' || line[0] == '\t')
		{
			if (headers == 0)
				return -1;
			continue;
		}
		if (!ascii_is_header_name(line, n))
			return -1;
		headers++;
		for (i = 0; message_headers[i] != NULL; i++)
			if (ascii_has_prefix(line, n, message_headers[i]))
				known++;
	}
	/* RFC 5322 2.1: the body is optional; a message of header fields only ends without the blank line. */
	return headers >= 3 && known >= 2 ? (long) start : -1;
}

int
message_looks_like(const char *text, size_t len)
{
	return header_block_at(text, len) >= 0;
}

/* Copy a parameter value (quoted or token) of name (lower case, with '='). */
static size_t
read_parameter(const char *value, size_t len, const char *name, char *out, size_t out_size)
{
	size_t		i,
				n = 0;
	size_t		name_len = strlen(name);

	for (i = 0; i + name_len <= len; i++)
	{
		/* The name must start a parameter: after ';' or whitespace. */
		if ((i == 0 || value[i - 1] == ';' || value[i - 1] == ' ' || value[i - 1] == '\t') &&
			ascii_has_prefix(value + i, len - i, name))
		{
			size_t		j = i + name_len;

			if (j < len && value[j] == '"')
			{
				j++;
				while (j < len && value[j] != '"' && n + 1 < out_size)
					out[n++] = value[j++];
			}
			else
			{
				while (j < len && value[j] != ';' && value[j] != ' ' && value[j] != '\t' &&
					   n + 1 < out_size)
					out[n++] = value[j++];
			}
			break;
		}
	}
	out[n] = '\0';
	return n;
}

/* Fill e from one unfolded Content-Type or Content-Transfer-Encoding value. */
static void
read_content_header(entity *e, int is_type, const char *value, size_t len)
{
	size_t		i = 0,
				n = 0;

	while (i < len && (value[i] == ' ' || value[i] == '\t'))
		i++;
	if (!is_type)
	{
		if (ascii_has_prefix(value + i, len - i, "quoted-printable"))
			e->enc = ENC_QUOTED_PRINTABLE;
		else if (ascii_has_prefix(value + i, len - i, "base64"))
			e->enc = ENC_BASE64;
		return;
	}
	while (i < len && value[i] != ';' && value[i] != ' ' && value[i] != '\t' &&
		   n + 1 < sizeof(e->type))
		e->type[n++] = (char) ascii_lower((unsigned char) value[i++]);
	e->type[n] = '\0';
	e->boundary_len = read_parameter(value, len, "boundary=", e->boundary, sizeof(e->boundary));
	read_parameter(value, len, "charset=", e->charset, sizeof(e->charset));
}

/* A header field decoded from encoded words, handed to the scanner in pieces. */
typedef struct header_field
{
	scan_state *sc;
	size_t		len;
	char		buf[LINE_MAX_DECODED];
} header_field;

/* Scan the piece collected; the next one starts with a blank, continuing the field. */
static void
flush_header_piece(header_field *h)
{
	scan_line(h->sc, h->buf, h->len, ZONE_HEADER);
	h->buf[0] = ' ';
	h->len = 1;
}

/* charset_sink for a decoded header field: one line, so a decoded CR or LF is a blank. */
static void
put_header_bytes(void *arg, const char *bytes, size_t n)
{
	header_field *h = arg;
	size_t		i;

	for (i = 0; i < n; i++)
	{
		char		c = bytes[i];

		if (h->len == sizeof(h->buf))
			flush_header_piece(h);
		h->buf[h->len++] = (c == '\r' || c == '\n') ? ' ' : c;
	}
}

/* Scan a header field (its folded lines text[0..len)) with its encoded words decoded. */
static void
scan_decoded_field(scan_state *sc, const char *text, size_t len)
{
	header_field h;

	h.sc = sc;
	h.len = 0;
	encoded_words_decode(text, len, put_header_bytes, &h);
	if (h.len > 0 && !(h.len == 1 && h.buf[0] == ' '))
		scan_line(sc, h.buf, h.len, ZONE_HEADER);
}

/* The length of the field that starts at line (n bytes), its folded lines after c included. */
static size_t
field_length(const cursor *c, const char *line, size_t n)
{
	cursor		look = *c;
	const char *next;
	size_t		k;
	size_t		len = n;

	while (next_line(&look, &next, &k) && k > 0 && (next[0] == ' ' || next[0] == '\t'))
		len = (size_t) (next + k - line);
	return len;
}

/*
 * Read an entity's header block: Content-Type and Content-Transfer-Encoding
 * into e, every line to the scanner (which picks the fields it knows), and the
 * body's range.
 */
static void
read_headers(scan_state *sc, const char *text, size_t len, entity *e)
{
	cursor		c = {text, len, 0};
	const char *line;
	size_t		n;
	char		value[VALUE_MAX];
	size_t		value_len = 0;
	int			collecting = 0;	/* 1: Content-Type, 2: Content-Transfer-Encoding */
	int			decoded = 0;	/* the current field was scanned with its encoded words decoded */

	memset(e, 0, sizeof(*e));
	skip_mbox_separator(&c);
	while (next_line(&c, &line, &n))
	{
		int			continuation = n > 0 && (line[0] == ' ' || line[0] == '\t');

		if (collecting && !continuation)
		{
			read_content_header(e, collecting == 1, value, value_len);
			collecting = 0;
		}
		if (n == 0)
			break;
		if (!continuation)
		{
			size_t		field_len = field_length(&c, line, n);

			decoded = encoded_words_present(line, field_len);
			if (decoded)
				scan_decoded_field(sc, line, field_len);
		}
		if (!decoded)
			scan_line(sc, line, n, ZONE_HEADER);
		if (!continuation)
		{
			value_len = 0;
			if (ascii_has_prefix(line, n, "content-type:"))
				collecting = 1;
			else if (ascii_has_prefix(line, n, "content-transfer-encoding:"))
				collecting = 2;
			if (collecting)
			{
				size_t		skip = collecting == 1 ? 13 : 26;

				line += skip;
				n -= skip;
			}
		}
		if (collecting)
		{
			size_t		room = sizeof(value) - value_len;
			size_t		k = n < room ? n : room;

			memcpy(value + value_len, line, k);
			value_len += k;
		}
	}
	if (collecting)
		read_content_header(e, collecting == 1, value, value_len);
	/* The blank line ends the block: an indented first body line continues no header. */
	scan_end_headers(sc);
	e->body = text + c.pos;
	e->body_len = len - c.pos;
}

/* What is read of an HTML tag: its name and whether its attributes mark a quote. */
typedef struct html_tag
{
	size_t		len;			/* bytes of the name read so far ('/' included) */
	int			named;			/* the name ended (attributes follow) */
	char		name[12];		/* the name, lower case; a longer one is no name we look for */
	char		attr_tail[5];	/* the last bytes of the attributes, lower case */
	int			cites;			/* the attributes say "cite" or "quote" (type="cite", class="gmail_quote") */
} html_tag;

/*
 * A line buffer that collects decoded bytes and hands whole lines to the
 * scanner; when the body is in a charset other than UTF-8, the bytes go
 * through the converter first.
 */
typedef struct line_buffer
{
	scan_state *sc;
	int			html;			/* drop <tags>, decode &entities; */
	int			in_tag;
	html_tag	tag;			/* the tag being read (in_tag), cleared at its '<' */
	int			quote_depth;	/* quoting <blockquote>s open: their lines are quoted text */
	size_t		blockquotes;	/* <blockquote>s open, quoting or not */
	uint64_t	quoting;		/* bit d: the blockquote at depth d (< 64) quotes; deeper ones are within a quote */
	size_t		entity_len;		/* bytes of an "&...;" being read, '&' included; 0: none */
	char		entity[12];
	int			convert;		/* bytes go through cv */
	charset_converter cv;
	size_t		len;
	char		buf[LINE_MAX_DECODED];
} line_buffer;

/* Pass the collected line on. */
static void
flush_line(line_buffer *lb)
{
	scan_line(lb->sc, lb->buf, lb->len, ZONE_TEXT);
	lb->len = 0;
}

static void put_byte(line_buffer *lb, unsigned char c);

/*
 * A byte of text into the line: LF ends the line, a full buffer is passed on.
 * A line inside an HTML <blockquote> (a mail client's quote of the mail it
 * answers: Gmail's, Apple Mail's, Thunderbird's) opens with "> ", as the same
 * reply's plain-text part writes it: quoted text, never evidence (segment.c).
 */
static void
put_text_byte(line_buffer *lb, unsigned char c)
{
	if (c == '\n')
	{
		flush_line(lb);
		return;
	}
	if (lb->len == sizeof(lb->buf))
		flush_line(lb);
	if (lb->len == 0 && lb->quote_depth > 0)
	{
		lb->buf[lb->len++] = '>';
		lb->buf[lb->len++] = ' ';
	}
	lb->buf[lb->len++] = (char) c;
}

/*
 * The end of an HTML tag whose name was read: a <blockquote> and its end
 * begin a new line; one that a mail client marks as its quote of the mail it
 * answers (Apple Mail's and Thunderbird's type="cite", Gmail's
 * class="gmail_quote") opens a quote.  Not in a mail system's own message (a
 * DSN, from a mailer daemon, with the null reverse path), whose HTML may set
 * the remote server's reply in a <blockquote>; nor Gmail's indentation (a
 * <blockquote> with a margin only).  Any other tag separates words (a space),
 * except at the start of a line.
 */
static void
end_tag(line_buffer *lb)
{
	int			open = lb->tag.len == 10 && memcmp(lb->tag.name, "blockquote", 10) == 0;
	int			close = lb->tag.len == 11 && memcmp(lb->tag.name, "/blockquote", 11) == 0;
	const scan_state *sc = lb->sc;

	if (open || close)
	{
		if (lb->len > 0)
			flush_line(lb);
		if (open)
		{
			int			cites = lb->tag.cites && !sc->dsn && !sc->from_mailer && !sc->null_sender;

			if (lb->blockquotes < 64)
			{
				if (cites)
				{
					lb->quoting |= UINT64_C(1) << lb->blockquotes;
					lb->quote_depth++;
				}
				else
					lb->quoting &= ~(UINT64_C(1) << lb->blockquotes);
			}
			lb->blockquotes++;
		}
		else if (lb->blockquotes > 0)
		{
			lb->blockquotes--;
			if (lb->blockquotes < 64 && (lb->quoting & (UINT64_C(1) << lb->blockquotes)) != 0)
				lb->quote_depth--;
		}
		return;
	}
	if (lb->len > 0)
		put_text_byte(lb, ' ');
}

/* A byte of an HTML tag's attributes: does it say "cite" or "quote"? */
static void
tag_attribute_byte(line_buffer *lb, unsigned char c)
{
	html_tag   *t = &lb->tag;

	memmove(t->attr_tail, t->attr_tail + 1, sizeof(t->attr_tail) - 1);
	t->attr_tail[sizeof(t->attr_tail) - 1] = (char) ascii_lower(c);
	if (memcmp(t->attr_tail + 1, "cite", 4) == 0 || memcmp(t->attr_tail, "quote", 5) == 0)
		t->cites = 1;
}

/*
 * The character an HTML entity stands for ("&nbsp;" a blank, "&#39;" an
 * apostrophe: HTML bounces write "recipient&#39;s mailbox"), as one ASCII
 * byte; 0 for one that is no ASCII character or unknown.
 */
static unsigned char
entity_char(const char *name, size_t len)
{
	static const struct
	{
		const char *name;
		unsigned char c;
	}			named[] = {
		{"nbsp", ' '}, {"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}, {"apos", '\''},
		{"rsquo", '\''}, {"lsquo", '\''}, {"ldquo", '"'}, {"rdquo", '"'}, {NULL, 0}
	};
	int			i;

	if (len >= 2 && name[0] == '#')
	{
		unsigned long v = 0;
		size_t		k;
		int			hex = name[1] == 'x' || name[1] == 'X';

		for (k = hex ? 2 : 1; k < len; k++)
		{
			int			d = hex_digit((unsigned char) name[k]);

			if (d < 0 || (!hex && d > 9))
				return 0;
			v = v * (hex ? 16 : 10) + (unsigned long) d;
		}
		if (v == 0x2019 || v == 0x2018)
			return '\'';
		if (v == 0xA0)
			return ' ';
		return v >= 0x20 && v < 0x7F ? (unsigned char) v : 0;
	}
	for (i = 0; named[i].name != NULL; i++)
		if (strlen(named[i].name) == len && memcmp(named[i].name, name, len) == 0)
			return named[i].c;
	return 0;
}

/* An HTML body's byte while an entity is being read: decode it at ';', or give its bytes back as they were. */
static void
put_entity_byte(line_buffer *lb, unsigned char c)
{
	size_t		i,
				n;
	unsigned char decoded;

	if (c == ';' && lb->entity_len > 1 &&
		(decoded = entity_char(lb->entity + 1, lb->entity_len - 1)) != 0)
	{
		lb->entity_len = 0;
		put_text_byte(lb, decoded);	/* "&lt;" is a '<' of the text, no tag */
		return;
	}
	if ((ascii_is_alnum(c) || c == '#') && lb->entity_len < sizeof(lb->entity))
	{
		lb->entity[lb->entity_len++] = (char) c;
		return;
	}
	/* No entity: its bytes are text; the byte that ended it is read as HTML again. */
	n = lb->entity_len;
	lb->entity_len = 0;
	for (i = 0; i < n; i++)
		put_text_byte(lb, (unsigned char) lb->entity[i]);
	put_byte(lb, c);
}

/* One decoded UTF-8 byte; CR is dropped, LF ends the line. */
static void
put_byte(line_buffer *lb, unsigned char c)
{
	if (c == '\r')
		return;
	if (lb->html)
	{
		if (lb->entity_len > 0)
		{
			put_entity_byte(lb, c);
			return;
		}
		if (c == '&' && !lb->in_tag)
		{
			lb->entity[0] = '&';
			lb->entity_len = 1;
			return;
		}
		if (c == '<')
		{
			lb->in_tag = 1;
			memset(&lb->tag, 0, sizeof(lb->tag));
			return;
		}
		if (lb->in_tag)
		{
			if (c == '>')
			{
				lb->in_tag = 0;
				end_tag(lb);
			}
			else if (!lb->tag.named && (ascii_is_alnum(c) || (c == '/' && lb->tag.len == 0)))
			{
				if (lb->tag.len < sizeof(lb->tag.name))
					lb->tag.name[lb->tag.len] = (char) ascii_lower(c);
				lb->tag.len++;
			}
			else
			{
				lb->tag.named = 1;
				tag_attribute_byte(lb, c);
			}
			return;
		}
	}
	put_text_byte(lb, c);
}

/* charset_sink: the converted text, into the line buffer. */
static void
put_converted(void *arg, const char *bytes, size_t n)
{
	line_buffer *lb = arg;
	size_t		i;

	for (i = 0; i < n && !lb->sc->cut; i++)
		put_byte(lb, (unsigned char) bytes[i]);
}

/* One transfer-decoded byte: to the converter, or straight to the line. */
static inline void
emit(line_buffer *lb, unsigned char c)
{
	if (lb->convert)
		charset_put(&lb->cv, c);
	else
		put_byte(lb, c);
}

/* Quoted-printable (RFC 2045): "=XX" is a byte, "=" at a line's end joins lines. */
static void
decode_quoted_printable(line_buffer *lb, const char *s, size_t len)
{
	size_t		i = 0;

	while (i < len && !lb->sc->cut)
	{
		unsigned char c = (unsigned char) s[i];

		if (c == '=' && i + 2 < len && hex_digit((unsigned char) s[i + 1]) >= 0 &&
			hex_digit((unsigned char) s[i + 2]) >= 0)
		{
			emit(lb, (unsigned char) (hex_digit((unsigned char) s[i + 1]) * 16 +
									  hex_digit((unsigned char) s[i + 2])));
			i += 3;
		}
		else if (c == '=' && (i + 1 == len || s[i + 1] == '\n' || s[i + 1] == '\r'))
		{
			/* Soft line break. */
			i++;
			if (i < len && s[i] == '\r')
				i++;
			if (i < len && s[i] == '\n')
				i++;
		}
		else
		{
			emit(lb, c);
			i++;
		}
	}
}

/* Base64 (RFC 2045): characters outside the alphabet are skipped, "=" ends. */
static void
decode_base64(line_buffer *lb, const char *s, size_t len)
{
	base64_state st = {0, 0};
	size_t		i;
	unsigned char byte;

	for (i = 0; i < len && !lb->sc->cut; i++)
	{
		unsigned char c = (unsigned char) s[i];
		int			v = base64_digit(c);

		if (c == '=')
		{
			st.acc = 0;
			st.bits = 0;
		}
		else if (v >= 0 && base64_take(&st, v, &byte))
			emit(lb, byte);
	}
}

/* Scan a text body, decoding it first when it is encoded, in a charset or HTML. */
static void
scan_text_body(scan_state *sc, const entity *e)
{
	int			html = strcmp(e->type, "text/html") == 0;
	int			charset = charset_lookup(e->charset, strlen(e->charset));

	if (e->enc == ENC_IDENTITY && !html && charset == CHARSET_PASS)
	{
		scan_lines(sc, e->body, e->body_len, ZONE_TEXT);
		return;
	}
	{
		line_buffer lb;

		lb.sc = sc;
		lb.html = html;
		lb.in_tag = 0;
		memset(&lb.tag, 0, sizeof(lb.tag));
		lb.quote_depth = 0;
		lb.blockquotes = 0;
		lb.quoting = 0;
		lb.entity_len = 0;
		lb.len = 0;
		lb.convert = charset != CHARSET_PASS;
		if (lb.convert)
			charset_begin(&lb.cv, charset, put_converted, &lb);
		if (e->enc == ENC_QUOTED_PRINTABLE)
			decode_quoted_printable(&lb, e->body, e->body_len);
		else if (e->enc == ENC_BASE64)
			decode_base64(&lb, e->body, e->body_len);
		else
		{
			size_t		i;

			for (i = 0; i < e->body_len && !sc->cut; i++)
				emit(&lb, (unsigned char) e->body[i]);
		}
		if (lb.convert)
			charset_end(&lb.cv);
		if (lb.entity_len > 0)
			put_entity_byte(&lb, '\n');	/* an '&' the text ended in is text */
		if (lb.len > 0 && !sc->cut)
			flush_line(&lb);
	}
}

/* Is line the delimiter "--boundary" (or the close "--boundary--")? 1, 2 or 0. */
static int
delimiter(const char *line, size_t len, const entity *e)
{
	size_t		n = e->boundary_len;

	if (len < n + 2 || line[0] != '-' || line[1] != '-' || memcmp(line + 2, e->boundary, n) != 0)
		return 0;
	if (len >= n + 4 && line[n + 2] == '-' && line[n + 3] == '-')
		return 2;
	return 1;
}

static void walk_entity(scan_state *sc, const char *text, size_t len, int depth);

/* Walk the parts of a multipart body. */
static void
walk_multipart(scan_state *sc, const entity *e, int depth)
{
	cursor		c = {e->body, e->body_len, 0};
	const char *line;
	size_t		n;
	const char *part = NULL;

	while (next_line(&c, &line, &n))
	{
		int			d = delimiter(line, n, e);

		if (d == 0)
			continue;

		/*
		 * The preamble is to be ignored (RFC 2046), but some MTAs write the
		 * bounce's explanation there and attach only the original message;
		 * MIME's own "This is a multi-part message" notice holds no cue.
		 */
		if (part == NULL && depth == 0 && line > e->body)
		{
			scan_lines(sc, e->body, (size_t) (line - e->body), ZONE_TEXT);
			sc->cut = 0;
		}
		if (part != NULL)
		{
			/* The part ends before the CRLF that precedes the delimiter line. */
			size_t		part_len = (size_t) (line - part);

			walk_entity(sc, part, part_len > 0 ? part_len - 1 : 0, depth + 1);
			sc->cut = 0;		/* a cut ends the part, not the report */
		}
		if (d == 2)
			return;
		part = e->body + c.pos;
	}
	if (part != NULL)			/* no closing delimiter: the last part runs to the end */
		walk_entity(sc, part, (size_t) (e->body + e->body_len - part), depth + 1);
	else						/* no delimiter at all: a broken message, read as text */
		scan_lines(sc, e->body, e->body_len, ZONE_TEXT);
}

/* Types whose body is the returned original message or its headers. */
static int
is_original_message(const char *type)
{
	return strcmp(type, "message/rfc822") == 0 || strcmp(type, "text/rfc822-headers") == 0 ||
		strcmp(type, "message/rfc822-headers") == 0 || strcmp(type, "message/global") == 0 ||
		strcmp(type, "message/global-headers") == 0 || strcmp(type, "message/partial") == 0 ||
		strcmp(type, "message/external-body") == 0;
}

/*
 * The first line of the header block at text (up to its blank line) that is
 * the field name ("to:", lower case, with the colon): 1 and the line, or 0.
 */
static int
find_field(const char *text, size_t len, const char *name, const char **line, size_t *n)
{
	cursor		c = {text, len, 0};

	while (next_line(&c, line, n) && *n > 0)
		if (ascii_has_prefix(*line, *n, name))
			return 1;
	return 0;
}

/*
 * Microsoft's complaint feedback (JMRP) forwards the complained-about message
 * as message/rfc822 with an X-HmXmrOriginalRecipient header: a spam complaint.
 */
static void
check_complaint_forward(scan_state *sc, const char *text, size_t len)
{
	const char *line;
	size_t		n;

	if (find_field(text, len, "x-hmxmroriginalrecipient:", &line, &n))
	{
		sc->arf = 1;
		scan_set_evidence(&sc->structure, line, n);
		sc->structure.code = 200;
		sc->structure.rule = "complaint_forward";
	}
}

/* Does the To: field of the header block at text name an address ("To: kim@example.com", not "undisclosed-recipients:;")? */
static int
to_names_address(const char *text, size_t len)
{
	const char *line;
	size_t		n;

	return find_field(text, len, "to:", &line, &n) && memchr(line, '@', n) != NULL;
}

/*
 * Did a mail system write the message whose header block starts at text: its
 * From: field names one (or a mailing list's own address), it went out with the null reverse path (RFC 5321
 * 4.5.5), its Subject names a failure report, or it is a report (RFC 6522
 * multipart/report: a DSN, a feedback report, a read receipt), as Microsoft
 * 365 sends its NDRs from "Microsoft Outlook <MicrosoftExchange...@...>", a
 * name no person list holds?
 */
static int
sent_by_mail_system(const char *text, size_t len)
{
	const char *line;
	size_t		n;

	return (find_field(text, len, "from:", &line, &n) &&
			(scan_mailer_sender(line + 5, n - 5) || scan_list_sender(line + 5, n - 5))) ||
		(find_field(text, len, "return-path:", &line, &n) && ascii_find(line, n, "<>") < n) ||
		(find_field(text, len, "subject:", &line, &n) && scan_report_subject(line + 8, n - 8)) ||
		(find_field(text, len, "content-type:", &line, &n) && ascii_find(line, n, "multipart/report") < n);
}

/*
 * Is an attached message the bounce being passed on, to be read as the
 * message: a list manager said it encloses one (LISTSERV, Mailman), or a
 * person forwards one as an attachment (Outlook's "Forward as attachment")
 * and a mail system wrote it.  Otherwise it is the returned original.
 */
static int
is_passed_on_bounce(const scan_state *sc, const entity *e, int depth)
{
	if (depth >= MAX_DEPTH || strcmp(e->type, "message/rfc822") != 0)
		return 0;
	return sc->enclosed_bounce == 1 ||
		(scan_forwarded_by_person(sc) && sent_by_mail_system(e->body, e->body_len));
}

/*
 * A multipart body whose headers are gone: a bounce stored without its
 * top-level header block ("This is a multipart message in MIME format.\n
 * --=_mixed 00EE...\nContent-Type: text/plain"), or whose header block lost
 * its Content-Type.  Its boundary is a line of the form "--boundary" (RFC
 * 2046: 1 to 70 characters, not all hyphens, no trailing blank) followed by a
 * part's Content-Type field, after at most a short preamble (MIME's "This is
 * a multi-part message" notice): further down, such lines are a returned
 * original's, inside a bounce that is plain text.  Sets e's type and
 * boundary; 0 when there is none.
 */
static int
sniff_boundary(const char *text, size_t len, entity *e)
{
	cursor		c = {text, len, 0};
	const char *line,
			   *prev = NULL;
	size_t		n,
				prev_len = 0;
	int			lines_read = 0;

	while (next_line(&c, &line, &n) && lines_read <= SNIFF_PREAMBLE_LINES)
	{
		if (!ascii_is_blank(line, n))
			lines_read++;
		if (prev != NULL && ascii_has_prefix(line, n, "content-type:"))
		{
			memcpy(e->boundary, prev + 2, prev_len - 2);
			e->boundary_len = prev_len - 2;
			strcpy(e->type, "multipart/mixed");
			return 1;
		}
		prev = NULL;
		if (n >= 3 && n - 2 <= 70 && n - 2 < sizeof(e->boundary) && line[0] == '-' && line[1] == '-' &&
			line[n - 1] != ' ' && line[n - 1] != '\t')
		{
			size_t		k = 2;

			while (k < n && line[k] == '-')
				k++;
			if (k < n)
			{
				prev = line;
				prev_len = n;
			}
		}
	}
	return 0;
}

/* Walk a body whose multipart structure sniff_boundary finds; 0 when it finds none. */
static int
walk_sniffed_multipart(scan_state *sc, entity *e, int depth)
{
	if (!sniff_boundary(e->body, e->body_len, e))
		return 0;
	walk_multipart(sc, e, depth);
	return 1;
}

/* Read one entity: its headers, then its body according to its type. */
static void
walk_entity(scan_state *sc, const char *text, size_t len, int depth)
{
	entity		e;

	read_headers(sc, text, len, &e);
	if (depth == 0 && e.type[0] == '\0' && e.enc == ENC_IDENTITY && walk_sniffed_multipart(sc, &e, depth))
		return;
	if (strncmp(e.type, "multipart/", 10) == 0 && e.boundary_len > 0 && depth < MAX_DEPTH)
		walk_multipart(sc, &e, depth);
	else if (is_passed_on_bounce(sc, &e, depth))
	{
		if (sc->enclosed_bounce == 1)
			sc->enclosed_bounce = 3;
		scan_forget_wrapper_failures(sc);
		walk_entity(sc, e.body, e.body_len, depth + 1);
	}
	else if (is_original_message(e.type))
	{
		if (!sc->original_addressed)
			sc->original_addressed = to_names_address(e.body, e.body_len);
		check_complaint_forward(sc, e.body, e.body_len);
		if (sc->reader != NULL)
			recipients_reported_headers(sc->reader, e.body, e.body_len);
	}
	else if (strcmp(e.type, "message/delivery-status") == 0 ||
			 strcmp(e.type, "message/global-delivery-status") == 0)
	{
		sc->dsn = 1;
		scan_lines(sc, e.body, e.body_len, ZONE_TEXT);
	}
	else if (strcmp(e.type, "message/feedback-report") == 0)
	{
		sc->arf = 1;
		scan_lines(sc, e.body, e.body_len, ZONE_TEXT);
	}
	else if (e.type[0] == '\0' || strncmp(e.type, "text/", 5) == 0 ||
			 strncmp(e.type, "multipart/", 10) == 0)
		scan_text_body(sc, &e);
	/* Anything else (images, applications) says nothing about the bounce. */
}

int
message_scan(scan_state *sc, const char *text, size_t len)
{
	long		start = header_block_at(text, len);

	if (start < 0)
	{
		entity		e;

		/* A body alone: its MIME parts are still parts (sniff_boundary); a one-line reply has none. */
		if (memchr(text, '\n', len) != NULL)
		{
			memset(&e, 0, sizeof(e));
			e.body = text;
			e.body_len = len;
			if (walk_sniffed_multipart(sc, &e, 0))
				return 0;
		}
		scan_lines(sc, text, len, ZONE_TEXT);
		return 0;
	}
	sc->is_message = 1;
	walk_entity(sc, text + start, len - (size_t) start, 0);
	return 1;
}
