"""Every sentence the app says outside templates, in one place, so tone can be reviewed.

Write calmly and without blame. Never suggest that no contact wins anyone back.
"""

# --- Plans ------------------------------------------------------------------
PLAN_NAME_REQUIRED = "Give this plan a name or nickname, so you can tell plans apart."
PLAN_NAME_TOO_LONG = "Please keep the name under {max} characters."
PLAN_NAME_TAKEN = "You already have a plan called “{name}”. Try a different name."
PLAN_NOT_FOUND = "There is no plan called “{name}”."
PLAN_START_IN_FUTURE = "The last contact can't be in the future. Pick the moment it happened."
PLAN_GOAL_RANGE = "The goal should be between {min} and {max} days."
PLAN_BAD_MODE = "The mode should be one of: strict, minimal, safety."
PLAN_REASON_TOO_LONG = "Please keep your reason under {max} characters."
PLAN_BAD_TZ = "“{tz}” isn't a time zone we know. Use a name like Europe/Berlin or America/Chicago."
PLAN_AMBIGUOUS = "You have more than one plan; say which one."
PLAN_NONE = "You have no plans yet. Start one with: nocontact plan add NAME --since DATETIME"

# --- Contact log ------------------------------------------------------------
CONTACT_IN_FUTURE = "That time is still in the future. Log things once they have happened."
CONTACT_BAD_CHANNEL = "The channel should be one of: {choices}."
CONTACT_BAD_DIRECTION = "The direction should be one of: outgoing, incoming, both."
CONTACT_PERMITTED_NEEDS_MINIMAL = (
    "Only minimal-contact plans have agreed boundaries, so only they can mark contact as permitted."
)
NOTE_TOO_LONG = "Please keep the note under {max} characters."
CONTACT_NOTE_TOO_LONG = NOTE_TOO_LONG
CONTACT_NOT_FOUND = "That entry isn't there any more."
SAVED_RECOUNTED = "Saved. Every figure has been recounted."
PLAN_DELETED = "“{name}” and its log have been deleted."
CONTACT_DELETED = "The entry has been deleted and your figures recounted."
QUICK_LOG_INCOMPLETE = "Please choose how, and who reached out."
SLIP_LOGGED = "Logged. It happened, and you can come back to no contact from here."
CONTACT_LOGGED = "Logged."
INCOMING_LOGGED = "Logged. Not answering is not a slip; your streak carries on."

# --- Dates ------------------------------------------------------------------
BAD_DATETIME = "“{text}” isn't a date we can read. Use a form like 2026-01-31 or 2026-01-31T21:30."

# --- Accounts ---------------------------------------------------------------
SIGNUP_UNAVAILABLE = "That username can't be used. Please choose another one."
SIGNUP_TRY_AGAIN = "We couldn't make an account just now. Please try again, or choose another name."
SIGNUP_THROTTLED = "Too many new accounts from here in the last hour. Please try again later."
LOGIN_FAILED = "That username and password don't match an account. Check them and try again."
ACCOUNT_DELETED = "Your account and everything in it have been deleted."
PASSWORD_CHANGED = (
    "Your password has been changed. Every other session has ended, trusted devices no longer open with a PIN, "
    "and API tokens no longer work. You are still signed in here."
)
PASSWORD_RECOVERED = (
    "Your new password is set, and every other way into your account has ended. Your recovery code is used up; "
    "you can make a new one below."
)
RECOVERY_FAILED = "That login name and recovery code don't go together. Check both and try again."
RECOVERY_THROTTLED = "Too many tries from here in the last hour. Please try again later."
RECOVERY_REMOVED = "Your recovery code has been removed. It can't be used any more."
PASSWORDS_DIFFER = "The two passwords don't match."
WELCOME_PASSWORD_WRONG = "That isn't the password you just chose. You can try again, or skip this step."
SESSION_ENDED = "That session has ended."
SESSION_NOT_FOUND = "That session had already ended."
DEVICE_FORGOTTEN = "That device is no longer trusted. Its PIN won't open your account any more."
DEVICE_NOT_FOUND = "That device wasn't trusted any more."
SIGNED_OUT_ELSEWHERE = "You are now signed out everywhere else, and only this device is still trusted."
TOKEN_CREATED = "Here is your new token. Copy it now: it won't be shown again."
TOKEN_REVOKED = "The token has been revoked. Anything using it can no longer connect."
THEME_SAVED = "Saved. The pages now look the way you chose, on every device you use."
THEME_UNKNOWN = "Please choose light, dark, or to follow this device."
TIME_ZONE_SAVED = "Your time zone is saved. Your journal, moods and pauses now count days in {tz}."

# --- API errors -------------------------------------------------------------
API_UNAUTHORIZED = "Send a valid API token in the Authorization header: Bearer <token>."
API_SIGNED_OUT = "You're signed out. Sign in again; what you kept on this device waits for you."
API_CSRF_FAILED = "This page is out of date. Reload it and try again."
API_NOT_FOUND = "Not found."
API_NOT_NULL = "“{key}” can't be null."
API_INVALID = "Some of what was sent isn't valid."
API_TOO_BIG = "The request is too large."
API_SERVER_ERROR = "Something went wrong on our side. Nothing was saved."

# --- CLI --------------------------------------------------------------------
CLI_NO_SUCH_USER = "There is no account called “{name}”."
CLI_WHICH_USER = "There is more than one account here; choose one with --user NAME or NOCONTACT_USER."
CLI_LOCAL_USER_CREATED = "Created a local account “{name}” for the command line."
CLI_HOSTED_NEEDS_SECRET = "Refusing to listen on {host} without a real secret: set NOCONTACT_SECRET_KEY."
CLI_ROTATED = (
    "The master key has been replaced ({new}); {count} account key(s) re-wrapped. "
    "Keys no longer needed: {old}. Back up the new key now: without it, encrypted text cannot be read."
)

# --- Journal and mood ---------------------------------------------------------
JOURNAL_TEXT_REQUIRED = "Write something first: even one line is enough."
JOURNAL_TEXT_TOO_LONG = "This entry is very long; please split it into entries under {max} characters."
JOURNAL_TAGS_BAD = "Tags are single words or short phrases (up to {max} characters each, {count} at most)."
JOURNAL_SEAL_IN_PAST = "A letter to open later needs a date after today."
JOURNAL_BAD_MOOD = "The mood should be one of: {choices}."
JOURNAL_BAD_PROMPT = "That prompt isn't one we know."
JOURNAL_SAVED = "Saved. It is stored encrypted."
JOURNAL_DELETED = "The entry is gone for good."
JOURNAL_SEALED = "This letter opens on {date}."
MOOD_NEEDS_A_FEELING = "Choose at least one feeling."
MOOD_BAD_FEELING = "“{text}” isn't a feeling we can record: use a word or a few, then optionally :1 to :5."
MOOD_TOO_MANY = "Please choose at most {max} feelings at once."
MOOD_NOTE_TOO_LONG = NOTE_TOO_LONG
MOOD_SAVED = "Thank you for checking in."
MOOD_BAD_STRENGTH = "Choose how strong it is with one of the numbers, 1 to 5."
MOOD_UNKNOWN_FEELING = (
    "This page doesn't offer “{names}”, so nothing was saved yet. You can write it in your own words below."
)
MOOD_OWN_WORDS_NEEDED = "You chose how strong: add the feeling in your own words too, and check in again."
MOOD_OWN_WORDS_LONG = "A few words are enough here: at most {max} letters."
MOOD_OWN_WORDS_BAD = "A feeling in your own words is a word or a few, without a colon."

# --- Minimal contact ------------------------------------------------------------
BOUNDARIES_NEED_MINIMAL = "Boundaries belong to minimal-contact plans. Switch the plan to minimal contact first."
BOUNDARIES_BAD_TOPIC = "“{topic}” isn't a topic we know. Built in: {choices}; or add it as one of your own topics."
BOUNDARIES_BAD_OWN_TOPIC = "Your own topics need a short name (up to 40 characters) and at least one word each."
BOUNDARIES_BAD_CHANNEL = "The channels should be among: {choices}."
BOUNDARIES_BAD_HOURS = "Hours run from 0 to 24, and the end comes after the start."
BOUNDARIES_BAD_DAYS = "Days are 0 (Monday) to 6 (Sunday)."
BOUNDARIES_SAVED = "Saved. The message checker and your log now use these boundaries."
NECESSARY_NEEDS_WHY = "Say briefly why it was necessary; it is kept as the entry's note, encrypted."
CHECK_EMPTY = "Paste the message first."
CHECK_TOO_LONG = "That draft is very long; please check it in parts of under {max} characters."
CHECK_OK = "This reads as brief and practical."
CHECK_REVIEW = "Worth a second look before sending."
# --- The message checker (issue 21) --------------------------------------------------------------------
CHECKER_RULES_ONLY = (
    "The checker is running on its rules alone just now, so it may miss things that are said in other words."
)
READ_TOO_LONG = "That message is very long; please read it in parts of under {max} characters."
READ_NOTHING_PRACTICAL = "Nothing in it is practical."
READ_FOLDED = "{count} other sentence{s}, folded away. Open only if you choose to."
READ_FOLDED_CLI = "{count} sentence{s} folded away."
CHECK_JSONL_TOO_LONG = "“text” is longer than the limit of {max} characters; please check it in parts."
CHECK_JSONL_UNKNOWN_TOPIC = "“{topic}” isn't a topic we know; the topics are: {choices}."
CHECK_JSONL_BAD_TOPICS = "“topics” should be a list of topic names (an empty list means every topic is fine)."
CHECK_JSONL_BAD_ID = "ids must be a string or an integer."
CHECK_JSONL_TOO_DEEP = "this line is nested too deeply to read."

# --- The pause -------------------------------------------------------------------
URGE_BAD = "Some of this pause couldn't be saved: {what}."
URGE_NEEDS_OUTCOME = "Choose how it ended: it passed, I still want to, or I contacted them."
URGE_NEEDS_OUTCOME_DISCREET = "Choose how it ended: it passed, I still want to, or I reached out."
# A neutral first entry for every list in a logging form: nothing is chosen for the person.
CHOOSE = "Choose…"
URGE_CONTACTED_NEEDS_PLAN = "Say which plan this was about, so it can be noted there."
URGE_SAVED = "Saved. Every pause you take is a record that urges pass."
URGE_SAVED_DISCREET = "Saved. Every pause you take is a record that the feeling passes."
URGE_CONTACTED = (
    "It happened, and that's all right. It is noted on your plan. When you are ready, you can simply begin "
    "again: no reply needed, nothing to explain. Your earlier days still count."
)
SUPPORT_DEFAULT_MESSAGE = "I'm having a hard moment. Could you talk?"
SUPPORT_BAD = "A person in your circle needs a name, and a phone number or an e-mail address."
SUPPORT_BAD_URL = "That notification address isn't one we can send to. See docs/notifications.md."
SUPPORT_PRIVATE_URL = (
    "That alert address points to this server's own network, which it doesn't send to. "
    "An e-mail or messenger address on the internet works; see docs/notifications.md."
)
ALERT_TITLE = "A friend could use a call"
HELPER_BAD = "Write something short that helps you, up to 120 characters."
ALERT_TITLE_DISCREET = "A quick note"
SUPPORT_DEFAULT_MESSAGE_DISCREET = "Could you call me when you have a moment?"
# The alert's ways (domain/alert_ways.py): what each problem with a field means, in plain words.
ALERT_WAY_PROBLEMS = {
    "missing": "Please fill this in.",
    "too_long": "This is longer than it can be. Please check what was pasted.",
    "server": "Write the server as a name like example.org, or its full address like https://example.org:8443.",
    "email": "That doesn't look like an e-mail address. It should look like name@example.org.",
    "phone": "Write the number with its country code, like +44 7700 900123.",
    "topic": "A topic is one word of up to 64 letters, digits, - or _.",
    "bot": "A bot's token looks like 123456789:AAH… (BotFather shows it).",
    "chat": "A chat ID is a number, like 123456789, or a channel name.",
    "matrix": "Write it like @sam:matrix.org for a person, or #friends:matrix.org for a room.",
    "matrix_user": "Write your user name like robin, or @robin:matrix.org.",
    "sms_account": "The account SID starts with AC, then 32 letters and digits.",
    "sms_secret": "The auth token is 32 letters and digits.",
    "address": "An alert address looks like scheme://…, with no spaces.",
    "way": "Choose one of the ways in the list.",
}
ALERT_WAY_UNCHOSEN = "Some details for an alert are filled in: choose which way they are for."
ALERT_WAY_UNREADABLE = "These details don't make an address the alert can be sent to. Please check them."
ALERT_TEST_TITLE = "Just a test"
ALERT_TEST_BODY = "Your friend is checking that their alerts reach you. All is well; there is nothing to do."
ALERT_TEST_BODY_DISCREET = "Just checking that this reaches you. All is well; there is nothing to do."
ALERT_TEST_SENT = "The test went to {name}. You could ask them whether it arrived."
ALERT_TEST_NOT_SENT = (
    "The test didn't go through to {name}. The details may need a look, or the service may be busy: "
    "try again in a little while."
)
ALERT_TEST_PRIVATE = (
    "The test wasn't sent: {name}'s alert points to this server's own network, which it doesn't send to."
)

# --- Safety ----------------------------------------------------------------------
INCIDENT_NOT_SAFETY = "The safety log belongs to safety plans. You can switch this plan to safety mode at any time."
INCIDENT_BAD_KIND = "Choose what happened from the list."
INCIDENT_NEEDS_KIND = "Choose what happened."
INCIDENT_NEEDS_CHANNEL = "Choose how it happened."
INCIDENT_DETAILS_TOO_LONG = "The details are very long; please keep them under {max} characters, or add a second entry."
INCIDENT_SAVED = "Recorded. It is kept encrypted, with the date and time you gave."
INCIDENT_CORRECTED = "Corrected. The earlier version stays in the log, marked as corrected, with both times."
INCIDENT_WITHDRAWN_DONE = (
    "Withdrawn. It stays in the log marked as withdrawn, so the record shows what was changed and when."
)
INCIDENT_NOT_FOUND = "That entry isn't in your safety log."
INCIDENT_CORRECTED_SINCE = "This entry has been corrected since. You can correct its newest version."
INCIDENT_WITHDRAWN = "This entry was withdrawn. It stays in the log as withdrawn; you can record a new entry instead."
INCIDENT_IS_WITHDRAWAL = "A withdrawal is kept as it is. You can record a new entry instead."
# `nocontact verify-export FILE`: one line each.
VERIFY_OK = "Intact and signed by {whose} (key {fingerprint}){entries}."
VERIFY_THIS_SERVER = "this server's key"
VERIFY_GIVEN_KEY = "the key you gave"
VERIFY_ENTRIES = ", {count} entries"
VERIFY_UNSIGNED = (
    "Not verified: there is no nocontact signature at the end of this file. It was changed, cut short, "
    "or is not a safety-log export."
)
VERIFY_BAD_SIGNATURE = "Altered: the signature does not match this file's content. Something in it was changed."
VERIFY_CHAIN_BROKEN = (
    "Altered: entry {entry} does not follow from the entries before it. An entry was changed, removed or reordered."
)
VERIFY_NOT_A_LOG = "Altered: the signed content is not a safety log this program can read ({reason})."
VERIFY_OTHER_KEY = "Not verified: the signature is intact, but made with key {fingerprint}, not {whose} ({expected})."
VERIFY_NO_SERVER_KEY = (
    "Not verified: this server has never signed an export, so it cannot vouch for this one (signed with key "
    "{fingerprint}). Use --public-key with the key you trust."
)
VERIFY_CANNOT_READ = "cannot read {path}: {reason}"
VERIFY_BAD_PUBLIC_KEY = "--public-key needs a base64 Ed25519 public key, or a file holding one"
EXIT_URL_BAD = "The quick exit needs a web address starting with https:// (or http://), up to 300 characters."
IDLE_RANGE = "The lock can wait between {min} and {max} minutes, or be turned off."
SAFEGUARDS_SAVED = "Saved. These apply on every device you use."
PIN_SHAPE = "A PIN is {min} to {max} digits."
PIN_WRONG = "That PIN isn't right."
PIN_DEVICE_UNKNOWN = "This device isn't trusted any more. Please log in with your password."
PIN_DEVICE_FORGOTTEN = "Too many wrong PINs, so this device is no longer trusted. Please log in with your password."
PIN_SET = "This device is trusted. After the idle lock, your PIN opens the app here."
PIN_FORGOTTEN = "This device is no longer trusted."
EXIT_HOLD_OVER = (
    "Welcome back. For {minutes} minutes after the exit button is used, this address opens another page, so "
    "going Back shows nothing from here. That time has passed."
)
IDLE_LOCKED = "You were signed out after a quiet while, to keep this private."
ERASE_CONFIRM = "To erase everything, type “{phrase}” exactly."
ERASED = "Everything you kept here has been erased."
WARNING_SEEN = "Thank you. You can read this again on the help page."

# --- The readiness check ----------------------------------------------------------
READINESS_NOT_OFFERED_SAFETY = (
    "This reflection isn't part of a safety plan. Your safety comes first, and staying apart is the plan."
)
READINESS_NOT_YET_OFFERED = (
    "This reflection opens when you reach your goal, or after {days} days without contact if you ask for it."
)
READINESS_ANSWER_ALL = "Please answer each question with a choice; the written one can stay empty."
READINESS_BAD_CHOICE = "Choose one of the three next steps."
READINESS_EXTEND_RANGE = "Extend by 1 to {max} days."
READINESS_EXTENDED = "Your goal is now {goal} days. We'll offer this reflection again when you reach it."
READINESS_MINIMAL = "Your plan is now minimal contact. Set the boundaries that keep it small and safe for you."
READINESS_STAY = "You're staying in no contact. That is a complete answer; nothing more is needed."
# The same, in discreet mode's plain words.
READINESS_NOT_OFFERED_SAFETY_DISCREET = "This reflection isn't part of a plan that keeps dated records."
READINESS_NOT_YET_OFFERED_DISCREET = (
    "This reflection opens when you reach your goal, or after {days} days in a row if you ask for it."
)
READINESS_MINIMAL_DISCREET = "Your plan now has limits. Set the boundaries that keep it small and safe for you."
READINESS_STAY_DISCREET = "You're keeping things as they are. That is a complete answer; nothing more is needed."

# --- Import -----------------------------------------------------------------------------------------
IMPORT_FAILED = "This file couldn't be imported, and nothing was taken from it: {reason}."
# How to answer an import that needs one more choice, by its error's code: the web page names its own field,
# the command line its flag. The web never shows a flag.
IMPORT_DATE_ORDER_WEB = "Choose which comes first under “Dates in the file”."
IMPORT_PERSON_WEB = "Write their name as the export shows it, or their number."
IMPORT_ME_WEB = "Write your own name as the chat shows it."
IMPORT_FORMAT_WEB = "If it comes from another app, choose that app under “Kind of export”."
IMPORT_DATE_ORDER_WRONG_WEB = "If the month comes first in these dates, choose that under “Dates in the file”."
IMPORT_DATE_ORDER_CLI = "Say which comes first with --date-order dmy or mdy."
IMPORT_PERSON_CLI = "Say whose messages to import with --person NAME (as the export shows it, or their number)."
IMPORT_ME_CLI = "Say which name is yours with --me NAME."
IMPORT_FORMAT_CLI = (
    "If it comes from another app, say which with --format (whatsapp, telegram, sms-xml, calls-xml, instagram or "
    "messenger)."
)
IMPORT_DATE_ORDER_WRONG_CLI = "If the day comes first, try --date-order dmy; if the month does, --date-order mdy."
IMPORT_ANSWER_WEB = {
    "date_order_ambiguous": IMPORT_DATE_ORDER_WEB,
    "date_order_bad": IMPORT_DATE_ORDER_WEB,
    "date_order_wrong": IMPORT_DATE_ORDER_WRONG_WEB,
    "format": IMPORT_FORMAT_WEB,
    "person_missing": IMPORT_PERSON_WEB,
    "person_not_found": IMPORT_PERSON_WEB,
    "me_needed": IMPORT_ME_WEB,
    "me_unclear": IMPORT_ME_WEB,
    "me_not_found": IMPORT_ME_WEB,
}
IMPORT_ANSWER_CLI = {
    "date_order_ambiguous": IMPORT_DATE_ORDER_CLI,
    "date_order_bad": IMPORT_DATE_ORDER_CLI,
    "date_order_wrong": IMPORT_DATE_ORDER_WRONG_CLI,
    "format": IMPORT_FORMAT_CLI,
    "person_missing": IMPORT_PERSON_CLI,
    "person_not_found": IMPORT_PERSON_CLI,
    "me_needed": IMPORT_ME_CLI,
    "me_unclear": IMPORT_ME_CLI,
    "me_not_found": IMPORT_ME_CLI,
}
IMPORT_TOO_BIG = "That file is larger than this server accepts ({limit} MB). Try the chat's own export, without media."
IMPORT_NO_FILE = "Choose the exported file first."
IMPORT_ALREADY = "This import has already been done, or cancelled."
IMPORT_NOT_UNDOABLE = "Only a finished import can be undone."
IMPORT_DONE = "Imported {count} entries into your log. You can undo this import as a whole."
IMPORT_NOTHING_NEW = "Everything in this file was already in your log, so nothing was added."
IMPORT_UNDONE = "That import has been taken out of your log ({count} entries)."
IMPORT_CANCELLED = "Cancelled. Nothing was imported."
IMPORT_STOPPED_MEMORY = (
    "Reading this file needed more memory than this server gives one import ({memory} MB), so it was stopped "
    "and nothing was imported. The chat's own export, without media, is usually much smaller."
)
IMPORT_STOPPED_TIME = (
    "Reading this file took longer than this server gives one import ({seconds} seconds), so it was stopped "
    "and nothing was imported. A smaller export (one chat, without media) may go through."
)
IMPORT_STOPPED = "Reading this file stopped before it was done, so nothing was imported. Please try again."
IMPORT_SKIPPED = "Left out {count} damaged row(s) whose time or call length can't be real: {where}."

# --- Logging with care: say what a slip does, then offer to take it back -------------------------------
SLIP_CONFIRM = "This ends your {days}-day run; the days you kept stay counted."
SLIP_CONFIRM_MINIMAL = "This ends your {days}-day run within the boundaries; the days you kept stay counted."
SLIP_CONFIRM_TODAY = "Your run counts from today either way, so it stays at 0; this adds the entry to your log."
SLIP_CONFIRM_EARLIER = (
    "This is from before your current run began, so your {days}-day run carries on; earlier figures are recounted."
)
SLIP_LOGGED_MINIMAL = (
    "Logged as outside the boundaries. Your days within them start again here; the others still count."
)
SLIP_LOGGED_DISCREET = "Logged. A new run starts from here; the days you kept still count."
CONTACT_UNDONE = "Taken back out of your log. Your figures are as they were."
CONTACT_UNDO_EXPIRED = (
    "This can no longer be undone here; you can still correct or delete the entry on the plan's page."
)
MINIMAL_NEXT_BOUNDARIES = (
    "Your plan has started. Next, set the boundaries that suit you: the topics, channels and times for contact. "
    "You can change them whenever you need to."
)
QUICK_LOG_NEEDS_BOUNDARIES = "Please choose whether it was within the boundaries."
PLAN_DELETED_DISCREET = "The plan and its log have been deleted."
MINIMAL_NEXT_BOUNDARIES_DISCREET = (
    "Your plan has started. Next, set the boundaries that suit you: the topics, channels and times. "
    "You can change them whenever you need to."
)
PLAN_START_IN_FUTURE_DISCREET = "The start can't be in the future. Pick the moment it began."
# What a form shows in discreet mode instead of a refusal whose words would give the app away.
DISCREET_WORDS = {
    PLAN_START_IN_FUTURE: PLAN_START_IN_FUTURE_DISCREET,
}

# --- Bad input (issue 14) ------------------------------------------------------------------------------
DATETIME_OUT_OF_RANGE = "Please choose a time between 1 January 1900 and now."
AS_OF_OUT_OF_RANGE = "Please choose a date between 1 January 1900 and a year from today."
TEXT_HAS_NUL = "This text holds a NUL character (\\0), which can't be stored. Please remove it and try again."
STDIN_NOT_UTF8 = "The text on standard input isn't UTF-8. Please save it as UTF-8 and try again."
API_NOT_AN_OBJECT = 'Send a JSON object, like {"name": "…"}.'
API_BAD_NUMBER = "Use a whole number from {low} to {high}."
CLOCK_SKIPPED = (
    "{typed} didn't happen in {tz}: the clocks went forward that night. It was saved as {became}, "
    "the same moment by the clock before the change."
)
CLOCK_REPEATED = (
    "{typed} happened twice in {tz}: the clocks went back that night. It was saved as the first, {became}; "
    "for the second, write it with its offset ({second})."
)
