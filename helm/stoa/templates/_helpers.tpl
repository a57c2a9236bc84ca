{{/* Names and labels, in the usual Helm shape. */}}

{{- define "stoa.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "stoa.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "stoa.selectorLabels" -}}
app.kubernetes.io/name: {{ include "stoa.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "stoa.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "stoa.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: stoa
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{- define "stoa.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "stoa.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "stoa.image" -}}
{{- $tag := default .Chart.AppVersion .Values.image.tag -}}
{{- if .Values.image.digest -}}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest -}}
{{- else -}}
{{- printf "%s:%s" .Values.image.repository $tag -}}
{{- end -}}
{{- end -}}

{{/* The JDBC URL of the external PostgreSQL. */}}
{{- define "stoa.jdbcUrl" -}}
{{- $url := printf "jdbc:postgresql://%s:%v/%s" .Values.database.host .Values.database.port .Values.database.name -}}
{{- if .Values.database.parameters -}}
{{- printf "%s?%s" $url .Values.database.parameters -}}
{{- else -}}
{{- $url -}}
{{- end -}}
{{- end -}}

{{- define "stoa.ingressTlsSecret" -}}
{{- default (printf "%s-tls" (include "stoa.fullname" .)) .Values.ingress.tls.secretName -}}
{{- end -}}

{{/* Where the plugins folder, the properties file and the scratch space live in the container. */}}
{{- define "stoa.pluginsDir" -}}/stoa/plugins{{- end -}}
{{- define "stoa.configDir" -}}/stoa/config{{- end -}}

{{/*
Every problem with the values at once, so that one failed install says all there is to fix.
The schema (values.schema.json) has already refused wrong types by the time this runs.
*/}}
{{- define "stoa.validateValues" -}}
{{- $problems := list -}}
{{- if not .Values.baseUrl -}}
{{- $problems = append $problems "baseUrl: set the URL users reach Stoa at, e.g. --set baseUrl=https://hub.example.org" -}}
{{- end -}}
{{- if not .Values.database.host -}}
{{- $problems = append $problems "database.host: Stoa needs an external PostgreSQL; set database.host (and database.port, database.name)" -}}
{{- end -}}
{{- if not .Values.database.existingSecret -}}
{{- $problems = append $problems (printf "database.existingSecret: name the Secret holding the database password (key %q), e.g. kubectl create secret generic stoa-db --from-literal=%s=..." .Values.database.passwordKey .Values.database.passwordKey) -}}
{{- end -}}
{{- if not .Values.s3.endpoint -}}
{{- $problems = append $problems "s3.endpoint: Stoa stores files in S3-compatible storage; set s3.endpoint, e.g. http://minio.storage:9000" -}}
{{- end -}}
{{- if not .Values.s3.existingSecret -}}
{{- $problems = append $problems (printf "s3.existingSecret: name the Secret holding the S3 keys (keys %q and %q)" .Values.s3.accessKeyKey .Values.s3.secretKeyKey) -}}
{{- end -}}
{{- if and .Values.oidc.enabled (not .Values.oidc.issuer) -}}
{{- $problems = append $problems "oidc.issuer: single sign-on is enabled; set the issuer URL, for Keycloak https://<host>/realms/<realm>" -}}
{{- end -}}
{{- if and .Values.oidc.enabled .Values.oidc.clientId (not .Values.oidc.existingSecret) -}}
{{- $problems = append $problems (printf "oidc.existingSecret: the portal client %q needs its secret; name the Secret holding it (key %q)" .Values.oidc.clientId .Values.oidc.clientSecretKey) -}}
{{- end -}}
{{- if and .Values.ingress.enabled (not .Values.ingress.hostname) -}}
{{- $problems = append $problems "ingress.hostname: the ingress is enabled; set the host name users reach Stoa at" -}}
{{- end -}}
{{- if and .Values.plugins.image.repository .Values.plugins.volume -}}
{{- $problems = append $problems "plugins: choose one source of external plugin jars, plugins.image or plugins.volume, not both" -}}
{{- end -}}
{{- if and .Values.autoscaling.enabled (gt (int .Values.autoscaling.minReplicas) (int .Values.autoscaling.maxReplicas)) -}}
{{- $problems = append $problems "autoscaling: minReplicas is larger than maxReplicas" -}}
{{- end -}}
{{- if and .Values.pdb.create (not .Values.autoscaling.enabled) (ge (int .Values.pdb.minAvailable) (int .Values.replicaCount)) -}}
{{- $problems = append $problems (printf "pdb.minAvailable: %v of %v replicas must stay up, so no node could ever be drained; lower it or raise replicaCount" .Values.pdb.minAvailable .Values.replicaCount) -}}
{{- end -}}
{{- $managed := dict "stoa.base-url" "baseUrl" "stoa.db." "database.*" "stoa.storage." "s3.*" "stoa.admin." "admin.*" "stoa.oidc." "oidc.*" "stoa.plugins.dir" "plugins.image or plugins.volume" "stoa.data-dir" "nothing: the chart sets it" -}}
{{- range $key, $value := .Values.config -}}
{{- if not (hasPrefix "stoa." $key) -}}
{{- $problems = append $problems (printf "config.%s: only stoa.* settings belong in config (use extraEnv for others)" $key) -}}
{{- end -}}
{{- range $prefix, $instead := $managed -}}
{{- if hasPrefix $prefix $key -}}
{{- $problems = append $problems (printf "config.%s: the chart sets this from its own values; use %s" $key $instead) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- if $problems -}}
{{- fail (printf "\n\nVALUES VALIDATION: %d problem(s) to fix:\n  - %s\n" (len $problems) (join "\n  - " $problems)) -}}
{{- end -}}
{{- end -}}
