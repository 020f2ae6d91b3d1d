import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AhoCorasick } from '@monyone/aho-corasick';
import { createAliasMatcher } from '../../../server/src/core/recognition';
import { RECORDS } from './fixtures';

// The benchmark compares our matcher with @monyone/aho-corasick on the same patterns: both must find the same
// occurrences, ours keeping the leftmost-longest non-overlapping subset of the peer's (all-overlaps) matches.
test('matcher agrees with @monyone/aho-corasick: every match of ours is one of the peer\'s, leftmost-longest', () => {
  const patterns = [
    ...new Set(RECORDS.flatMap((r) => [r.name.ko, r.name.en, ...(r.aliases?.ko ?? []), ...(r.aliases?.en ?? []), ...(r.short ?? [])]).filter((p): p is string => !!p)),
  ];
  const text = '한미일은 북대서양조약기구(NATO)와 협력하고 러시아 연방과 North Korea, the UN Charter, 유엔 헌장을 논의했다. '.repeat(3);
  const peer = new AhoCorasick(patterns).matchInText(text);
  const peerSet = new Set(peer.map((m) => `${m.begin}:${m.end}:${m.keyword}`));
  const ours = createAliasMatcher(patterns).findAll(text);
  assert.ok(ours.length > 10);
  let last = 0;
  for (const m of ours) {
    assert.ok(peerSet.has(`${m.start}:${m.end}:${patterns[m.pattern]}`), `peer also finds ${patterns[m.pattern]} at ${m.start}`);
    assert.ok(m.start >= last, 'non-overlapping');
    // longest at its start, and no peer match starts in the gap before it
    for (const p of peer) {
      if (p.begin === m.start) assert.ok(p.end <= m.end);
      assert.ok(!(p.begin >= last && p.begin < m.start), `a match at ${p.begin} was skipped`);
    }
    last = m.end;
  }
});
