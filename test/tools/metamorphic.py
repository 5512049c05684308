#!/usr/bin/env python3
"""test/tools/metamorphic.py -- the same mail in another equivalent form should
keep its code.  A development tool (not part of the test command): it rewrites
every whole message of the development splits (sisimai, dev, and the whole
messages of responses.tsv and fresh.tsv; never the check split) in forms real
collections hold them in, classifies each with test/tools/classify.bin, and
lists the forms whose code moved from an accepted label to one that is not.

  make test/tools/classify.bin && python3 test/tools/metamorphic.py [form ...]

Forms: crlf (CRLF line ends), wrap (body lines rewrapped at 60 columns), qp and
base64 (a single-part body transfer-encoded), subject (the Subject as an RFC
2047 encoded word), nodsn (the delivery-status part emptied: the text alone),
forward (a person forwards it inline, Gmail-style), attach (a person forwards
it as message/rfc822), mbox (an mbox "From " line first, body "From " lines
escaped), bodyonly (the top-level header block dropped: what the headers said
is lost with them -- the sender, auto-reply marks, the charset and transfer
encoding -- so replies and encoded bodies are expected to move there).  Forms that move a code are where the classifier reads
a format rather than the mail; forwards of a person's mail are expected to
become 0 (a person's forwarded mail is quoted text, docs/classifier.md).
"""
import base64
import os
import quopri
import re
import subprocess
import sys
import tempfile
import textwrap

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..')
CORPUS = os.path.join(ROOT, 'test', 'corpus')
TOOL = os.path.join(ROOT, 'test', 'tools', 'classify.bin')


def check_split():
    """The check split's names, "corpus/item": never rewritten or shown."""
    with open(os.path.join(CORPUS, 'check-split.txt')) as f:
        return {l.strip() for l in f if l.strip() and not l.startswith('#')}


def items():
    """(name, accepted codes, raw bytes) of every development-split whole message."""
    check = check_split()
    for corpus in ('sisimai', 'dev'):
        with open(os.path.join(CORPUS, corpus, 'labels.tsv')) as f:
            for line in f.read().splitlines()[1:]:
                name, accept = line.split('\t')[:2]
                if corpus + '/' + name in check:
                    continue
                with open(os.path.join(CORPUS, corpus, 'eml', name), 'rb') as m:
                    yield corpus + '/' + name, accept.split(','), m.read()
    for corpus in ('responses', 'fresh'):
        with open(os.path.join(CORPUS, corpus + '.tsv'), encoding='utf-8') as f:
            for line in f.read().splitlines()[1:]:
                field = line.split('\t')
                if corpus + '/' + field[0] in check:
                    continue
                text = re.sub(r'\\(.)', lambda m: {'n': '\n', 't': '\t'}.get(m.group(1), m.group(1)), field[5])
                head = text.split('\n\n', 1)[0]
                if '\n\n' in text and re.match(r'^[A-Za-z-]+: ', text) and re.search(
                        r'(?im)^(from|to|subject|date|received|return-path|content-type|mime-version|message-id):', head):
                    yield corpus + '/' + field[0], field[1].split(','), text.encode('utf-8')


def split(raw):
    """The header block and the body, or None when there is no blank line."""
    m = re.search(rb'\r?\n\r?\n', raw)
    return (raw[:m.start()], raw[m.end():]) if m else None


def header(head, name):
    """One header field's unfolded value ('' when absent)."""
    m = re.search(rb'(?im)^' + name + rb':[ \t]*(.*(?:\r?\n[ \t].*)*)', head)
    return re.sub(rb'\r?\n[ \t]+', b' ', m.group(1)).strip() if m else b''


def single_part(head):
    """Is the message one text part, not yet transfer-encoded?"""
    return not re.search(rb'(?im)^content-type:\s*multipart', head) and \
        not re.search(rb'(?im)^content-transfer-encoding:\s*(base64|quoted)', head)


def crlf(raw):
    return re.sub(rb'\r?\n', b'\r\n', raw)


def wrap(raw):
    parts = split(raw)
    if parts is None or re.search(rb'(?im)^content-transfer-encoding:\s*(base64|quoted)', raw):
        return None
    out = []
    for line in parts[1].split(b'\n'):
        s = line.rstrip(b'\r')
        if len(s) > 60 and not s[:1].isspace() and not re.match(rb'^[A-Za-z-]{2,40}:', s) and not s.startswith(b'--'):
            out += [p.encode('latin-1') for p in textwrap.wrap(s.decode('latin-1'), 60, break_long_words=False,
                                                                break_on_hyphens=False)]
        else:
            out.append(line)
    return parts[0] + b'\n\n' + b'\n'.join(out)


def encoded(raw, kind):
    parts = split(raw)
    if parts is None or not single_part(parts[0]):
        return None
    body = quopri.encodestring(parts[1]) if kind == 'quoted-printable' else base64.encodebytes(parts[1])
    return parts[0] + b'\nContent-Transfer-Encoding: ' + kind.encode() + b'\n\n' + body


def subject(raw):
    parts = split(raw)
    if parts is None:
        return None
    m = re.search(rb'(?im)^subject:[ \t]*(.*(?:\r?\n[ \t].*)*)', parts[0])
    value = re.sub(rb'\r?\n[ \t]+', b' ', m.group(1)).strip() if m else b''
    if not value or b'=?' in value or not value.isascii():
        return None
    word = b'=?UTF-8?B?' + base64.b64encode(value) + b'?='
    return parts[0][:m.start(1)] + word + parts[0][m.end(1):] + b'\n\n' + parts[1]


def nodsn(raw):
    if not re.search(rb'(?i)content-type:\s*message/delivery-status', raw):
        return None
    out = []
    for piece in re.split(rb'(\r?\n--[^\r\n]+\r?\n)', raw):
        if re.match(rb'(?is)\s*content-type:\s*message/delivery-status', piece):
            piece = b'Content-Type: text/plain\n\n'
        out.append(piece)
    return b''.join(out)


def forward(raw):
    parts = split(raw)
    if parts is None or not single_part(parts[0]):
        return None
    head = parts[0]
    return (b'From: Kim Lee <kim@example.com>\nTo: support@example.net\nSubject: Fwd: ' + header(head, b'Subject') +
            b'\nMIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\n\nWhat does this mean?\n\n'
            b'---------- Forwarded message ---------\nFrom: ' + header(head, b'From') + b'\nDate: ' +
            header(head, b'Date') + b'\nSubject: ' + header(head, b'Subject') + b'\nTo: ' + header(head, b'To') +
            b'\n\n' + parts[1])


def attach(raw):
    return (b'From: Kim Lee <kim@example.com>\nTo: support@example.net\nSubject: FW: bounce\nMIME-Version: 1.0\n'
            b'Content-Type: multipart/mixed; boundary="zz"\n\n--zz\nContent-Type: text/plain\n\nSee the attachment.\n'
            b'--zz\nContent-Type: message/rfc822\n\n' + raw + b'\n--zz--\n')


def mbox(raw):
    """As an mbox file holds it: a "From " separator line first, body lines opening with "From " escaped."""
    parts = split(raw)
    if parts is None or raw.startswith(b'From '):
        return None
    body = re.sub(rb'(?m)^From ', b'>From ', parts[1])
    return b'From MAILER-DAEMON  Mon Jan  2 03:04:05 2006\n' + parts[0] + b'\n\n' + body


def bodyonly(raw):
    """The body alone, as a parser's test data or a database often keeps it: no top-level header block."""
    parts = split(raw)
    return parts[1] if parts is not None and parts[1].strip() else None


FORMS = {
    'crlf': crlf, 'wrap': wrap, 'qp': lambda r: encoded(r, 'quoted-printable'),
    'base64': lambda r: encoded(r, 'base64'), 'subject': subject, 'nodsn': nodsn, 'forward': forward,
    'attach': attach, 'mbox': mbox, 'bodyonly': bodyonly,
}


def classify(paths):
    """The code the core gives each file."""
    codes = {}
    for i in range(0, len(paths), 400):
        out = subprocess.run([TOOL] + paths[i:i + 400], capture_output=True, check=True).stdout
        for line in out.decode('utf-8', 'replace').splitlines():
            field = line.split('\t')
            codes[field[0]] = field[1]
    return codes


def main():
    forms = sys.argv[1:] or list(FORMS)
    with tempfile.TemporaryDirectory() as work:
        corpus = list(items())
        paths = []
        for n, (name, accept, raw) in enumerate(corpus):
            paths.append(os.path.join(work, '%d' % n))
            with open(paths[-1], 'wb') as f:
                f.write(raw)
        base = classify(paths)
        for form in forms:
            made = {}
            for n, (name, accept, raw) in enumerate(corpus):
                out = FORMS[form](raw)
                if out is not None:
                    made[n] = os.path.join(work, '%d.%s' % (n, form))
                    with open(made[n], 'wb') as f:
                        f.write(out)
            got = classify(list(made.values()))
            worse = []
            for n, path in made.items():
                name, accept, _ = corpus[n]
                was, now = base[paths[n]], got[path]
                if was != now and was in accept and now not in accept:
                    worse.append('  %s: %s -> %s (accepted %s)' % (name, was, now, ','.join(accept)))
            print('%s: %d messages rewritten, %d moved off an accepted code' % (form, len(made), len(worse)))
            print('\n'.join(worse)) if worse else None


if __name__ == '__main__':
    main()
