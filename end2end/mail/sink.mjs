// A local SMTP sink for the browser tests: the server sends residents' notices to it as
// to a city's relay (a real SMTP conversation: greeting, EHLO, MAIL, RCPT, DATA, QUIT),
// and each message received is appended to MAILBOX as one JSON line
// {to, subject, text} — the body decoded from base64 — for the tests to read, and
// printed (scripts/setup.sh runs it for the demo).
import net from 'node:net';
import fs from 'node:fs';

const port = Number(process.env.SMTP_PORT || 3925);
const mailbox = process.env.MAILBOX;
if (!mailbox) throw new Error('MAILBOX (a file to append messages to) is required');
fs.writeFileSync(mailbox, '');

function decodeSubject(value) {
  // RFC 2047 encoded words, as lettre writes a Japanese subject.
  return value.replace(/=\?utf-8\?b\?([^?]*)\?=\s*/gi, (_, b) => Buffer.from(b, 'base64').toString('utf8')).trim();
}

function store(to, raw) {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const body = raw.slice(split + 4);
  const subject = decodeSubject((head.match(/^Subject: (.*)$/im) || [, ''])[1]);
  const base64 = /^Content-Transfer-Encoding: base64$/im.test(head);
  const text = base64 ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8') : body;
  fs.appendFileSync(mailbox, JSON.stringify({ to, subject, text }) + '\n');
  // Shown where the sink runs too (the demo's terminal; the browser tests' log).
  console.log(`--- mail to ${to}: ${subject}\n${text.trim()}\n---`);
}

net.createServer((socket) => {
  let buffer = '';
  let data = null;
  let to = [];
  const say = (line) => socket.write(line + '\r\n');
  say('220 sink.localhost ESMTP');
  socket.on('data', (chunk) => {
    buffer += chunk.toString('utf8');
    let at;
    while ((at = buffer.indexOf('\r\n')) >= 0) {
      const line = buffer.slice(0, at);
      buffer = buffer.slice(at + 2);
      if (data !== null) {
        if (line === '.') {
          store(to.join(', '), data.join('\r\n'));
          data = null;
          to = [];
          say('250 queued');
        } else {
          data.push(line.startsWith('..') ? line.slice(1) : line);
        }
        continue;
      }
      const verb = line.slice(0, 4).toUpperCase();
      if (verb === 'EHLO' || verb === 'HELO') say('250 sink.localhost');
      else if (verb === 'MAIL') say('250 ok');
      else if (verb === 'RCPT') {
        to.push((line.match(/<([^>]*)>/) || [, ''])[1]);
        say('250 ok');
      } else if (verb === 'DATA') {
        data = [];
        say('354 go ahead');
      } else if (verb === 'QUIT') {
        say('221 bye');
        socket.end();
      } else if (verb === 'RSET' || verb === 'NOOP') say('250 ok');
      else say('502 not implemented');
    }
  });
  socket.on('error', () => {});
}).listen(port, '127.0.0.1');
