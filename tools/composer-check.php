<?php

/*
 * Checks the PIE parts of composer.json, which Composer's own schema does
 * not know before Composer 2.7 (Debian 12 has 2.5):
 *
 *   php tools/composer-check.php composer.json [config.m4]
 *
 * - "type" is php-ext or php-ext-zend; "name" is vendor/package;
 * - "php-ext" follows PIE's schema (resources/composer-json-php-ext-schema.json
 *   of PIE): its keys, their types, ranges and allowed values, and not both
 *   os-families and os-families-exclude. A key PIE does not define is refused
 *   too (PIE would ignore it silently: a typo);
 * - with config.m4: extension-name is the one PHP_NEW_EXTENSION builds, and
 *   each configure option is a PHP_ARG_ENABLE or PHP_ARG_WITH of it.
 *
 * Prints one line per problem and exits 1, or prints "ok: ..." and exits 0.
 */

declare(strict_types=1);

[, $file, $m4] = $argv + [null, 'composer.json', null];
$problems = [];
$bad = static function (string $what) use (&$problems): void {
    $problems[] = $what;
};

try {
    $json = json_decode((string) file_get_contents($file), true, 512, JSON_THROW_ON_ERROR);
} catch (JsonException $e) {
    fwrite(STDERR, "$file: not JSON: {$e->getMessage()}\n");
    exit(1);
}
if (!is_array($json) || array_is_list($json)) {
    fwrite(STDERR, "$file: not a JSON object\n");
    exit(1);
}

$type = $json['type'] ?? null;
if (!in_array($type, ['php-ext', 'php-ext-zend'], true)) {
    $bad('"type" must be "php-ext" (a PHP module) or "php-ext-zend" (a Zend extension), not ' . json_encode($type));
}
if (!is_string($json['name'] ?? null) || !preg_match('{^[a-z0-9]([_.-]?[a-z0-9]+)*/[a-z0-9](([_.]|-{1,2})?[a-z0-9]+)*$}', $json['name'])) {
    $bad('"name" must be a Composer package name, vendor/package');
}

$ext = $json['php-ext'] ?? [];
if (!is_array($ext) || ($ext !== [] && array_is_list($ext))) {
    $bad('"php-ext" must be an object');
    $ext = [];
}

$families = ['windows', 'bsd', 'darwin', 'solaris', 'linux', 'unknown'];
$isFamilies = static fn ($v): bool => is_array($v) && $v !== [] && array_is_list($v)
    && array_diff($v, $families) === [] && count(array_filter($v, 'is_string')) === count($v);
// PIE's keys: what each value must be.
$keys = [
    'extension-name' => ['a string, an extension name (letters, digits, _; "ext-" prefix allowed)',
        static fn ($v): bool => is_string($v) && preg_match('/^(ext-)?[A-Za-z][a-zA-Z0-9_]+$/', $v) === 1],
    'priority' => ['an integer from 10 to 99', static fn ($v): bool => is_int($v) && $v >= 10 && $v <= 99],
    'support-zts' => ['true or false', 'is_bool'],
    'support-nts' => ['true or false', 'is_bool'],
    'build-path' => ['a string or null', static fn ($v): bool => $v === null || is_string($v)],
    'download-url-method' => ['"composer-default" or "pre-packaged-source"',
        static fn ($v): bool => in_array($v, ['composer-default', 'pre-packaged-source'], true)],
    'os-families' => ['a non-empty list of ' . implode(', ', $families), $isFamilies],
    'os-families-exclude' => ['a non-empty list of ' . implode(', ', $families), $isFamilies],
    'configure-options' => ['a list of options', static fn ($v): bool => is_array($v) && array_is_list($v)],
];
foreach ($ext as $key => $value) {
    if (!isset($keys[$key])) {
        $bad("php-ext: unknown key \"$key\" (PIE knows " . implode(', ', array_keys($keys)) . ')');
    } elseif (!$keys[$key][1]($value)) {
        $bad("php-ext.$key must be {$keys[$key][0]}, not " . json_encode($value));
    }
}
if (isset($ext['os-families'], $ext['os-families-exclude'])) {
    $bad('php-ext: os-families and os-families-exclude must not both be set');
}
if (($ext['support-zts'] ?? true) === false && ($ext['support-nts'] ?? true) === false) {
    $bad('php-ext: support-zts and support-nts both false: installable nowhere');
}

$options = is_array($ext['configure-options'] ?? null) && array_is_list($ext['configure-options']) ? $ext['configure-options'] : [];
foreach ($options as $i => $option) {
    $at = "php-ext.configure-options[$i]";
    if (!is_array($option) || ($option !== [] && array_is_list($option))) {
        $bad("$at must be an object");
        continue;
    }
    foreach (array_diff(array_keys($option), ['name', 'needs-value', 'description']) as $key) {
        $bad("$at: unknown key \"$key\" (PIE knows name, needs-value, description)");
    }
    if (!is_string($option['name'] ?? null) || !preg_match('/^[a-zA-Z0-9][a-zA-Z0-9-_]*$/', $option['name'])) {
        $bad("$at.name must be a flag name without its leading --, e.g. enable-foo");
    }
    if (array_key_exists('needs-value', $option) && !is_bool($option['needs-value'])) {
        $bad("$at.needs-value must be true or false");
    }
    if (array_key_exists('description', $option) && !is_string($option['description'])) {
        $bad("$at.description must be a string");
    }
}

if ($m4 !== null) {
    $source = (string) file_get_contents($m4);
    $name = preg_replace('/^ext-/', '', (string) ($ext['extension-name'] ?? preg_replace('{^.*/}', '', (string) ($json['name'] ?? ''))));
    if (!preg_match('/PHP_NEW_EXTENSION\(\s*\[?' . preg_quote($name, '/') . '\]?\s*,/', $source)) {
        $bad("php-ext.extension-name \"$name\" is not what $m4 builds (PHP_NEW_EXTENSION)");
    }
    foreach ($options as $option) {
        $flag = is_array($option) && is_string($option['name'] ?? null) ? $option['name'] : '';
        if (!preg_match('/^(enable|disable|with|without)-(.+)$/', $flag, $m)) {
            continue;
        }
        $macro = in_array($m[1], ['enable', 'disable'], true) ? 'PHP_ARG_ENABLE' : 'PHP_ARG_WITH';
        if (!preg_match('/' . $macro . '\(\s*\[?' . preg_quote($m[2], '/') . '\]?\s*,/', $source)) {
            $bad("configure option --$flag is not a $macro of $m4");
        }
    }
}

foreach ($problems as $problem) {
    echo "$file: $problem\n";
}
if ($problems !== []) {
    exit(1);
}
printf("ok: %s is a %s package of extension %s, php-ext keys %s\n", $file, $type,
    $ext['extension-name'] ?? '(from its name)', implode(', ', array_keys($ext)) ?: 'none');
