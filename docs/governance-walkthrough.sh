#!/bin/bash
# One model's life on a fresh Stoa: upload, checks, policy, curation, a malicious pickle, quarantine, lift; then the
# audit trail it produced. Needs curl and python3. Usage: STOA_URL=http://localhost:8080 STOA_ADMIN_TOKEN=<the admin's
# token> docs/governance-walkthrough.sh (it creates the users ana and carl and the organisation acme).
set -e
B=${STOA_URL:-http://localhost:8080}; T=${STOA_ADMIN_TOKEN:?set STOA_ADMIN_TOKEN to the admin API token}
PW='correct horse battery staple'
j() { python3 -c "import sys,json; d=json.load(sys.stdin); print(eval(sys.argv[1]))" "$1"; }
post() { curl -sf -X "$1" -H "Authorization: Bearer $2" -H 'Content-Type: application/json' "$B$3" -d "$4"; }
for u in ana carl; do post POST $T /api/v1/users "{\"name\":\"$u\",\"password\":\"$PW\"}" >/dev/null; done
post POST $T /api/v1/organizations '{"name":"acme"}' >/dev/null
post POST $T /api/v1/organizations/acme/members '{"user":"ana","role":"write"}' >/dev/null
post POST $T /api/v1/organizations/acme/members '{"user":"carl","role":"read"}' >/dev/null
post PUT $T /api/v1/organizations/acme/curators/carl '' >/dev/null
post PUT $T /api/v1/organizations/acme/policy '{"requiredChecks":["pickle-scanner/pickle-imports","license-policy/license"],"licensesDenied":["cc-by-nc-4.0"],"onFailedCheck":"block-curation","membersPublishWithoutReview":true,"requiredCardFields":["license"],"note":"acme release rules"}' >/dev/null
ANA=$(curl -sf -u "ana:$PW" -H 'Content-Type: application/json' $B/api/v1/tokens -d '{"name":"cli","scope":"write"}' | j "d['token']")
CARL=$(curl -sf -u "carl:$PW" -H 'Content-Type: application/json' $B/api/v1/tokens -d '{"name":"cli","scope":"write"}' | j "d['token']")
post POST $ANA /api/repos/create '{"name":"tiny-llm","organization":"acme"}' >/dev/null
readme=$(printf -- '---\nlicense: apache-2.0\npipeline_tag: text-generation\n---\n# tiny-llm\nA tiny model.\n' | base64 -w0)
printf '{"key":"header","value":{"summary":"First weights"}}\n{"key":"file","value":{"path":"README.md","content":"%s","encoding":"base64"}}\n{"key":"file","value":{"path":"config.json","content":"e30=","encoding":"base64"}}\n' "$readme" \
  | curl -sf -H "Authorization: Bearer $ANA" -H 'Content-Type: application/x-ndjson' --data-binary @- $B/api/models/acme/tiny-llm/commit/main >/dev/null
for i in $(seq 60); do s=$(curl -sf -H "Authorization: Bearer $ANA" "$B/api/v1/repos/models/acme/tiny-llm/checks" | j "sum(1 for r in d['checks'] if r['status'] in ('queued','running'))"); [ "$s" = 0 ] && break; sleep 1; done
echo "checks of main:"; curl -sf -H "Authorization: Bearer $ANA" "$B/api/v1/repos/models/acme/tiny-llm/checks" | j "'\n'.join('  %s %s %s' % (r['check'], r['status'], r.get('verdict')) for r in d['checks'])"
post POST $ANA /api/v1/repos/models/acme/tiny-llm/curation '{"revision":"main","note":"first release"}' >/dev/null
ID=$(curl -sf -H "Authorization: Bearer $ANA" $B/api/v1/repos/models/acme/tiny-llm/curation | j "d[0]['id']")
post POST $CARL /api/v1/repos/models/acme/tiny-llm/curation/$ID/approve '{"comment":"required checks pass, apache-2.0"}' >/dev/null; echo "approved by carl"
echo "model_info.curated: $(curl -sf $B/api/models/acme/tiny-llm | j "d.get('curated')")"
echo "owner deletes the tag: $(curl -s -o /dev/null -w '%{http_code}' -X DELETE -H "Authorization: Bearer $ANA" $B/api/models/acme/tiny-llm/tag/curated%2F1)"
pkl=$(printf '\x80\x02cos\nsystem\nX\x02\x00\x00\x00ls\x85R.' | base64 -w0)
printf '{"key":"header","value":{"summary":"Add a pickle"}}\n{"key":"file","value":{"path":"model.pkl","content":"%s","encoding":"base64"}}\n' "$pkl" \
  | curl -sf -H "Authorization: Bearer $ANA" -H 'Content-Type: application/x-ndjson' --data-binary @- $B/api/models/acme/tiny-llm/commit/main >/dev/null
for i in $(seq 60); do q=$(curl -sf -H "Authorization: Bearer $ANA" $B/api/v1/repos/models/acme/tiny-llm/quarantine | j "[x['id'] for x in (d if isinstance(d,list) else d.get('quarantines',[])) if x.get('active')]"); [ "$q" != "[]" ] && break; sleep 1; done
echo "active quarantines: $q"
curl -s -D - -o /dev/null $B/acme/tiny-llm/resolve/main/model.pkl | grep -i "^HTTP\|x-error" | tr -d '\r'
echo "model_info.curated after the new commit: $(curl -sf $B/api/models/acme/tiny-llm/revision/main | j "d.get('curated')")"
QID=$(echo "$q" | tr -d '[] ')
post POST $T /api/v1/repos/models/acme/tiny-llm/quarantine/$QID/lift '{"note":"reviewed: demo pickle, kept for the record"}' >/dev/null
echo "after lift: $(curl -s -o /dev/null -w '%{http_code}' $B/acme/tiny-llm/resolve/main/model.pkl)"
echo "verify: $(post POST $T /api/v1/admin/audit/verify '')"
echo "audit events:"; curl -sf -H "Authorization: Bearer $T" "$B/api/v1/audit?limit=200" | j "'\n'.join('  %s %-24s %-9s %-28s by %s' % (e['at'][11:19], e['action'], e['targetType'], e['target'], e['actor'] or 'Stoa') for e in reversed(d['events']))"
