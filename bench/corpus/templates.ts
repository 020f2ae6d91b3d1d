/**
 * Sentence templates, written for this benchmark. Slots: {E} country or organisation, {E2} another one, {P} person,
 * {T} treaty or other instrument, {R} UN Security Council resolution, {Q} quoted instrument title (often one the
 * knowledge base does not know), {C} compound (한미일, 북러), {A} acronym pair (북대서양조약기구(NATO)), {D} date,
 * {L} wiki-link annotation. `{E:은}` appends the Korean particle that fits the name's last syllable.
 */
export const KO_SENTENCES = [
  '{E:은} {D} {E2:과} 고위급 회담을 열고 {T:의} 이행 의지를 재확인했다.',
  '정부는 {E:의} 최근 동향을 면밀히 주시하고 있으며, {E2:과}의 긴밀한 공조를 이어갈 방침이다.',
  '{C} 3국은 이날 공동성명을 통해 {T:을} 성실히 준수할 것을 촉구했다.',
  '{P:은} 기자들과 만나 "{E:과}의 협력은 지역 안정에 필수적"이라고 강조했다.',
  '이번 조치는 {R:에} 따른 것으로, 관계 부처는 후속 협의를 진행할 예정이다.',
  '{A} 회원국들은 {E:에} 대한 지원 방안을 논의했다.',
  '양측은 {Q:의} 조속한 발효를 위해 국내 절차를 서두르기로 합의했다.',
  '{E:으로}의 수출 통제 강화 방안도 함께 검토된 것으로 알려졌다.',
  '{C} 정상은 {D} 회의에서 경제안보 협력 강화에 뜻을 모았다.',
  '외교 소식통에 따르면 {E:은} {R:을} 위반한 정황이 다수 포착됐다.',
  '{E:와} {E2:은} {T:에} 서명한 이후 교역 규모를 꾸준히 늘려 왔다.',
  '회의에서는 공급망, 에너지 안보, 기후 변화 대응 등 다양한 현안이 논의되었다.',
  '관계자는 구체적인 일정은 아직 정해지지 않았다고 덧붙였다.',
  '이와 관련해 전문가들은 당분간 신중한 접근이 필요하다고 지적했다.',
  '참석자들은 인적 교류와 문화 협력을 확대하는 방안에 대해서도 의견을 교환했다.',
  '회담은 예정보다 30분가량 길어진 두 시간 동안 진행됐다.',
  '양측은 실무 협의체를 정례화해 분기마다 점검 회의를 열기로 했다.',
  '이날 발표된 내용은 지난달 합의한 사항을 구체화한 것이다.',
  '당국자는 추가 조치 여부를 묻는 질문에 상황을 지켜보겠다고만 답했다.',
  '현지 언론은 이번 결정이 향후 협상의 분수령이 될 것이라고 전망했다.',
  '정부는 관련 예산을 내년도 계획에 반영하는 방안을 검토하고 있다.',
  '이번 협의에는 국방, 에너지, 보건 분야 실무자들이 함께 참여했다.',
  '{E:에서} 열린 이번 회의에는 20여 개국 대표단이 참석했다.',
  '{P:은} {D} {E:을} 방문해 상대국 외교장관과 회담했다.',
];

export const EN_SENTENCES = [
  '{E} and {E2} reaffirmed their commitment to the {T} during talks held on {D}.',
  'The ministry said it was closely monitoring developments in {E} and would consult {E2}.',
  'Under {R}, member states are required to report on the measures they have taken.',
  '{P} told reporters that cooperation with {E} remained essential for regional stability.',
  'Both sides agreed to complete domestic procedures so that the {Q} can enter into force.',
  'Members of the {A} discussed further support for {E}.',
  'Officials noted that {E} had repeatedly acted in breach of {R}.',
  'The talks covered supply chains, energy security and the response to climate change.',
  'No date has yet been set for the next round of consultations, an official added.',
  'Analysts cautioned that progress would depend on the political calendar in both capitals.',
  'The meeting ran about half an hour longer than scheduled.',
  'A working group will meet every quarter to review implementation.',
  'The announcement gives concrete form to what was agreed last month.',
  'Asked about further measures, the official said the situation was being watched closely.',
  'Local media described the decision as a turning point for the negotiations.',
  'Funding for the programme is expected to be included in next year\'s budget.',
  'Experts from the defence, energy and health sectors took part in the consultations.',
  'The delegation from {E} arrived in {E2} on {D} for a three-day visit.',
  'Since signing the {T}, {E} and {E2} have steadily expanded trade.',
  'The statement also welcomed the adoption of {R} by the Security Council.',
];

/** Sentences carrying a wiki-link annotation: used only when the lexicon has ids (the built-in KB). */
export const KO_ANNOTATED = '관련 인물과 기관은 {L} 항목에 정리해 두었다.';
export const EN_ANNOTATED = 'See {L} for the background of this entry.';

export const KO_HEADINGS = ['주요 내용', '배경', '향후 계획', '관련 동향', '참고 자료', '질의응답 요지'];
export const EN_HEADINGS = ['Key points', 'Background', 'Next steps', 'Related developments', 'References', 'Q&A'];

export const KO_TITLE = ['{E}, {T} 관련 입장 발표', '{C} 외교장관 회의 개최 결과', '{E}·{E2} 정상회담 결과', '{R} 이행 점검 회의'];
export const EN_TITLE = ['{E} statement on the {T}', 'Outcome of the meeting between {E} and {E2}', 'Implementation of {R}', 'Joint press release on {E}'];

export const AGREEMENT_TOPICS_KO = ['투자 증진 및 보호', '사증 면제', '이중과세 방지', '과학기술 협력', '범죄인 인도', '형사사법 공조', '항공 운송'];
export const AGREEMENT_TOPICS_EN = ['the Promotion and Protection of Investments', 'Visa Exemption', 'the Avoidance of Double Taxation', 'Scientific and Technological Cooperation', 'Extradition', 'Mutual Legal Assistance in Criminal Matters', 'Air Services'];

export const TAGS = ['외교', '안보', '경제', '통상', 'diplomacy', 'security', 'trade', 'nuclear', '비확산'];
