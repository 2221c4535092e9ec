import { type RiskRule } from '../rule';

/** Authentication and authorization: who may do what. */
const CODE = ['js', 'python', 'ruby', 'java', 'go', 'rust', 'csharp', 'php'] as const;

export const authRules: readonly RiskRule[] = [
  {
    id: 'auth/check-removed', category: 'auth', severity: 'high', languages: CODE, exceptTags: ['test', 'docs', 'generated'],
    pairMatches: true,
    message: 'Removes an authentication or authorization check.',
    hint: 'Keep the check; if access must change, change the rule it enforces in a reviewed change.',
    removed: /@login_required|@permission_required|@user_passes_test|@PreAuthorize|@PostAuthorize|@Secured\b|@RolesAllowed|\[Authorize\b|@UseGuards\s*\(|\brequireAuth\w*\b|\brequire(Role|Permission|Admin|User|Login)\w*\s*\(|\bisAuthenticated\b|\bensure(Authenticated|LoggedIn|Authorized)\b|\bauthenticate_user!|\bauthorize!?\s*[(:]|\bcheckPermission\w*\s*\(|\bhasPermission\s*\(|\bhasRole\s*\(|\bverifyToken\s*\(|\bverify_jwt\w*|\bjwt\.verify\s*\(|\bIsAuthenticated\w*\b|\bIsAdminUser\b|\bverify_authorized\b|before_action\s+:(authenticate|authorize|require)\w*|\bpassport\.authenticate\s*\(|\bauthMiddleware\b|\bcan(not)?\?\s*[(:]/,
  },
  {
    id: 'auth/access-opened', category: 'auth', severity: 'high', languages: CODE, exceptTags: ['test', 'docs', 'generated'],
    message: 'Opens access: anonymous access allowed, CSRF or TLS verification turned off.',
    hint: 'Scope the exception to the one endpoint that needs it, and say why in review.',
    // The pattern names what it looks for. aiprov-ignore: auth/access-opened
    added: /\bAllowAny\b|\.permitAll\(\)|@PermitAll\b|\[AllowAnonymous\]|skip_before_action\s+:(authenticate|verify|authorize|require)\w*|\bskip_authorization\b|\bverify\s*=\s*False\b|rejectUnauthorized\s*:\s*false|InsecureSkipVerify\s*:\s*true|NODE_TLS_REJECT_UNAUTHORIZED\b[^\n]*\b0\b|\bcsrf\(\)\.disable\(\)|\.csrf\(\s*\w+\s*->\s*\w+\.disable\(\)\)|@csrf_exempt|protect_from_forgery\s+with:\s*:null_session|danger_accept_invalid_certs\s*\(\s*true/,
  },
  {
    id: 'auth/iam-wildcard', category: 'auth', severity: 'high', languages: ['json', 'yaml', 'terraform'],
    exceptTags: ['docs', 'generated', 'lockfile', 'test'],
    message: 'Grants every action or opens a policy to every principal (`*`).',
    hint: 'List the actions and principals the policy really needs.',
    added: /["']?(Action|actions|NotAction)["']?\s*[:=]\s*\[?\s*["']\*["']|["']?Principal["']?\s*[:=]\s*["']\*["']|["']AWS["']\s*:\s*["']\*["']|identifiers\s*=\s*\[\s*"\*"\s*\]/,
  },
  {
    id: 'auth/codeowners-removed', category: 'auth', severity: 'medium', tags: ['codeowners'],
    message: 'Removes or changes a CODEOWNERS entry: those paths no longer need their owners\' review.',
    hint: 'Keep ownership; change it in a reviewed change of its own.',
    removed: /\S/,
  },
];
