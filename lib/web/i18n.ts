// The UI's strings in English and Korean. A flat dictionary keyed by message id; `{name}` marks a
// value. The English table is the source: a Korean entry missing falls back to English.
export const LOCALES = ["en", "ko"] as const;
export type Locale = (typeof LOCALES)[number];

const en = {
  "nav.catalogue": "Exercises",
  "nav.exams": "Mock exams",
  "nav.classes": "Classes",
  "nav.signIn": "Sign in",
  "nav.signUp": "Sign up",
  "nav.signOut": "Sign out",
  "auth.email": "E-mail",
  "auth.name": "Name",
  "auth.password": "Password",
  "auth.signInTitle": "Sign in to Drydock",
  "auth.signUpTitle": "Create your account",
  "auth.noAccount": "No account yet?",
  "auth.haveAccount": "Already have an account?",
  "auth.badCredentials": "Wrong e-mail or password.",
  "auth.emailTaken": "An account with this e-mail already exists.",
  "auth.rateLimited": "Too many attempts. Try again in {seconds} s.",
  "auth.invalid": "Check the form: {detail}",
  "catalogue.title": "Exercises by domain",
  "catalogue.empty": "No exercises are installed (exercises/**/exercise.yaml).",
  "catalogue.passed": "passed",
  "catalogue.tried": "tried",
  "exercise.start": "Start lab",
  "exercise.starting": "Starting your lab…",
  "exercise.check": "Check",
  "exercise.checking": "Checking…",
  "exercise.hints": "Hints",
  "exercise.showHint": "Show a hint",
  "exercise.showSolution": "Show solution",
  "exercise.solutionRecorded": "Showing the solution is recorded in your progress.",
  "exercise.reset": "Reset lab",
  "exercise.resetConfirm": "Reset the lab? Everything in it is lost.",
  "exercise.allPassed": "All checks passed.",
  "exercise.someFailed": "{failed} of {total} checks failed.",
  "exercise.labFailed": "The lab could not start: {message}",
  "exercise.copy": "Copy",
  "exercise.copied": "Copied",
  "terminal.newTab": "New tab",
  "terminal.connecting": "Connecting…",
  "terminal.reconnecting": "Connection lost; reconnecting…",
  "terminal.idleWarning": "You have been idle. The terminal closes in {minutes} min unless you type something.",
  "terminal.closed": "The shell ended. Reload to start a new one.",
  "exam.title": "Mock exam",
  "exam.start": "Start a mock exam",
  "exam.duration": "{minutes} minutes, {tasks} tasks, pass mark {pass}%",
  "exam.timeLeft": "Time left",
  "exam.alert": "{minutes} minutes left.",
  "exam.flag": "Flag",
  "exam.unflag": "Unflag",
  "exam.submit": "Submit exam",
  "exam.submitConfirm": "Submit the exam? It is graded now and cannot be changed.",
  "exam.history": "Your attempts",
  "exam.score": "Score",
  "exam.passed": "Passed",
  "exam.failed": "Not passed",
  "exam.task": "Task",
  "exam.weight": "Weight",
  "exam.report": "Score report",
  "exam.context": "Context: node {node}",
  "exam.noLab": "No lab was started for this exam.",
  "class.title": "Classes",
  "class.create": "Create class",
  "class.join": "Join a class",
  "class.inviteCode": "Invite code",
  "class.notFound": "No class has this invite code.",
  "class.export": "Export CSV",
  "class.student": "Student",
  "error.forbidden": "You may not do this.",
  "error.generic": "Something went wrong: {message}",
  "nav.admin": "Users",
  "admin.title": "Users and roles",
  "admin.search": "Search by name or e-mail",
  "admin.name": "Name",
  "admin.email": "E-mail",
  "admin.role": "Role",
  "admin.save": "Save",
  "admin.saved": "Saved.",
  "admin.lastAdmin": "The last admin cannot be demoted; make another user admin first.",
  "role.student": "student",
  "role.instructor": "instructor",
  "role.admin": "admin",
  "lang.switch": "한국어",
} as const;

export type MessageId = keyof typeof en;

const ko: Partial<Record<MessageId, string>> = {
  "nav.catalogue": "연습 문제",
  "nav.exams": "모의 시험",
  "nav.classes": "수업",
  "nav.signIn": "로그인",
  "nav.signUp": "회원가입",
  "nav.signOut": "로그아웃",
  "auth.email": "이메일",
  "auth.name": "이름",
  "auth.password": "비밀번호",
  "auth.signInTitle": "Drydock 로그인",
  "auth.signUpTitle": "계정 만들기",
  "auth.noAccount": "계정이 없으신가요?",
  "auth.haveAccount": "이미 계정이 있으신가요?",
  "auth.badCredentials": "이메일 또는 비밀번호가 올바르지 않습니다.",
  "auth.emailTaken": "이 이메일로 된 계정이 이미 있습니다.",
  "auth.rateLimited": "시도가 너무 많습니다. {seconds}초 후에 다시 시도하세요.",
  "auth.invalid": "입력 내용을 확인하세요: {detail}",
  "catalogue.title": "영역별 연습 문제",
  "catalogue.empty": "설치된 연습 문제가 없습니다 (exercises/**/exercise.yaml).",
  "catalogue.passed": "통과",
  "catalogue.tried": "시도함",
  "exercise.start": "실습 시작",
  "exercise.starting": "실습 환경을 시작하는 중…",
  "exercise.check": "채점",
  "exercise.checking": "채점 중…",
  "exercise.hints": "힌트",
  "exercise.showHint": "힌트 보기",
  "exercise.showSolution": "정답 보기",
  "exercise.solutionRecorded": "정답 보기는 진행 기록에 남습니다.",
  "exercise.reset": "실습 초기화",
  "exercise.resetConfirm": "실습 환경을 초기화할까요? 안의 내용은 모두 사라집니다.",
  "exercise.allPassed": "모든 검사를 통과했습니다.",
  "exercise.someFailed": "검사 {total}개 중 {failed}개가 실패했습니다.",
  "exercise.labFailed": "실습 환경을 시작할 수 없습니다: {message}",
  "exercise.copy": "복사",
  "exercise.copied": "복사됨",
  "terminal.newTab": "새 탭",
  "terminal.connecting": "연결 중…",
  "terminal.reconnecting": "연결이 끊어졌습니다. 다시 연결하는 중…",
  "terminal.idleWarning": "입력이 없습니다. {minutes}분 안에 입력하지 않으면 터미널이 닫힙니다.",
  "terminal.closed": "셸이 종료되었습니다. 새로 시작하려면 새로고침하세요.",
  "exam.title": "모의 시험",
  "exam.start": "모의 시험 시작",
  "exam.duration": "{minutes}분, {tasks}문항, 합격 기준 {pass}%",
  "exam.timeLeft": "남은 시간",
  "exam.alert": "{minutes}분 남았습니다.",
  "exam.flag": "표시",
  "exam.unflag": "표시 해제",
  "exam.submit": "시험 제출",
  "exam.submitConfirm": "시험을 제출할까요? 지금 채점되며 변경할 수 없습니다.",
  "exam.history": "응시 기록",
  "exam.score": "점수",
  "exam.passed": "합격",
  "exam.failed": "불합격",
  "exam.task": "문항",
  "exam.weight": "배점",
  "exam.report": "성적표",
  "exam.context": "환경: 노드 {node}",
  "exam.noLab": "이 시험에서 실습 환경을 시작하지 않았습니다.",
  "class.title": "수업",
  "class.create": "수업 만들기",
  "class.join": "수업 참여",
  "class.inviteCode": "초대 코드",
  "class.notFound": "이 초대 코드의 수업이 없습니다.",
  "class.export": "CSV 내보내기",
  "class.student": "학생",
  "error.forbidden": "이 작업을 할 권한이 없습니다.",
  "error.generic": "문제가 발생했습니다: {message}",
  "nav.admin": "사용자",
  "admin.title": "사용자와 역할",
  "admin.search": "이름이나 이메일로 검색",
  "admin.name": "이름",
  "admin.email": "이메일",
  "admin.role": "역할",
  "admin.save": "저장",
  "admin.saved": "저장했습니다.",
  "admin.lastAdmin": "마지막 관리자는 강등할 수 없습니다. 먼저 다른 사용자를 관리자로 지정하세요.",
  "role.student": "학생",
  "role.instructor": "강사",
  "role.admin": "관리자",
  "lang.switch": "English",
};

const TABLES: Record<Locale, Partial<Record<MessageId, string>>> = { en, ko };

export function isLocale(s: string | undefined): s is Locale {
  return !!s && (LOCALES as readonly string[]).includes(s);
}

/** Picks the locale: an explicit choice (cookie or profile) first, then Accept-Language. */
export function negotiateLocale(explicit: string | undefined, acceptLanguage: string | undefined): Locale {
  if (isLocale(explicit)) return explicit;
  const ranked = (acceptLanguage ?? "")
    .split(",")
    .map((p) => {
      const [tag, ...params] = p.trim().split(";");
      const q = params.map((x) => x.trim()).find((x) => x.startsWith("q="));
      return { lang: tag.toLowerCase().split("-")[0], q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .filter((x) => x.lang)
    .sort((a, b) => b.q - a.q);
  for (const r of ranked) if (isLocale(r.lang)) return r.lang;
  return "en";
}

export function translate(locale: Locale, id: MessageId, vars?: Record<string, string | number>): string {
  const s = TABLES[locale][id] ?? en[id];
  return vars ? s.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m)) : s;
}

export type T = (id: MessageId, vars?: Record<string, string | number>) => string;
export function translator(locale: Locale): T {
  return (id, vars) => translate(locale, id, vars);
}
