#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Generates tests/data/sigv4/botocore_vectors.json: SigV4 Authorization headers and presigned URLs computed by
botocore, which tst_sigv4 must reproduce byte for byte.

Requests go through a real botocore S3 client (path-style, http://127.0.0.1:8000) so that botocore's own key and
query encoding is exercised; a before-send hook captures the signed request and answers it without any network.
A few raw AWSRequest cases cover what the S3 API model cannot express (repeated query names, empty values).
Time is frozen the way botocore's own tests do it (patching botocore.auth's clock).

Run:  /usr/bin/python3 tests/tools/gen_botocore_vectors.py > tests/data/sigv4/botocore_vectors.json
It uses the first botocore it finds: a pip-installed one, else the copy vendored by Debian's awscli package (the
committed file comes from the latter). Botocore versions differ only in the extra checksum headers they add
(Content-MD5 or x-amz-checksum-*), which are recorded as the request's own headers, so any version's output must
pass tst_sigv4.
"""

import datetime
import json
import os
import sys
from unittest import mock
from urllib.parse import unquote, urlsplit

try:
    import botocore  # noqa: F401
except ImportError:  # Debian's awscli v2 vendors botocore as a top-level package in its own directory
    sys.path.insert(0, '/usr/lib/python3/dist-packages/awscli')
    import botocore  # noqa: F401

import botocore.auth
import botocore.session
from botocore.awsrequest import AWSRequest, AWSResponse
from botocore.config import Config
from botocore.credentials import Credentials

FROZEN = datetime.datetime(2024, 1, 1, 0, 0, 0)
ENDPOINT = 'http://127.0.0.1:8000'
REGION = 'us-east-1'
ACCESS_KEY = 'AKIDEXAMPLE'
SECRET_KEY = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY'
SESSION_TOKEN = 'IQoJb3JpZ2luX2VjEXAMPLE/token+with=special&chars'
SIGNER_OWNED = {'host', 'x-amz-date', 'x-amz-content-sha256', 'x-amz-security-token', 'authorization'}


def frozen_clock():
    if hasattr(botocore.auth, 'get_current_datetime'):
        return mock.patch('botocore.auth.get_current_datetime', return_value=FROZEN)

    class FrozenDatetime(datetime.datetime):
        @classmethod
        def utcnow(cls):
            return FROZEN

    return mock.patch.object(botocore.auth.datetime, 'datetime', FrozenDatetime)


def make_client(token=None):
    session = botocore.session.get_session()
    return session.create_client(
        's3', region_name=REGION, endpoint_url=ENDPOINT,
        aws_access_key_id=ACCESS_KEY, aws_secret_access_key=SECRET_KEY, aws_session_token=token,
        config=Config(signature_version='s3v4', s3={'addressing_style': 'path'}, retries={'max_attempts': 1}))


def split_target(url):
    """Bucket, key and decoded query items of a path-style URL built by botocore."""
    parts = urlsplit(url)
    path = parts.path
    segments = path[1:].split('/', 1)
    bucket = unquote(segments[0]) if segments[0] else ''
    key = unquote(segments[1]) if len(segments) > 1 else ''
    query = []
    if parts.query:
        for pair in parts.query.split('&'):
            name, _, value = pair.partition('=')
            query.append([unquote(name), unquote(value)])
    return bucket, key, query


def header_str(value):
    return value.decode('utf-8') if isinstance(value, bytes) else str(value)


def vector_from_request(name, request, token):
    auth = header_str(request.headers['Authorization'])
    signed = auth.split('SignedHeaders=')[1].split(',')[0].split(';')
    headers = []
    for hname, hvalue in request.headers.items():
        if hname.lower() in signed and hname.lower() not in SIGNER_OWNED:
            headers.append([hname, header_str(hvalue)])
    bucket, key, query = split_target(request.url)
    return {
        'name': name,
        'method': request.method,
        'bucket': bucket,
        'key': key,
        'query': query,
        'headers': headers,
        'payloadHash': header_str(request.headers['X-Amz-Content-SHA256']),
        'sessionToken': token or '',
        'url': request.url,
        'amzDate': header_str(request.headers['X-Amz-Date']),
        'authorization': auth,
    }


def client_header_vectors():
    cases = [
        ('get range, space and plus', None, 'get_object', {'Bucket': 'test', 'Key': 'a b+c.txt', 'Range': 'bytes=0-9'}),
        ('get leading slash, double slash, unicode', None, 'get_object',
         {'Bucket': 'test', 'Key': '/leading//double slash/ü日本.txt'}),
        ('get reserved characters', None, 'get_object', {'Bucket': 'test', 'Key': "a:b=c&d?e#f%g'h(i)*!$,;@[]"}),
        ('get dot segments', None, 'get_object', {'Bucket': 'test', 'Key': 'x/../y/./z/..'}),
        ('head trailing slash', None, 'head_object', {'Bucket': 'test', 'Key': 'folder/'}),
        ('delete tilde', None, 'delete_object', {'Bucket': 'test', 'Key': '~user/file~1'}),
        ('put with body and metadata', None, 'put_object',
         {'Bucket': 'test', 'Key': 'dir/é+ü %.bin', 'Body': b'Hello, S3!', 'ContentType': 'text/plain',
          'Metadata': {'author': '  Jane   Doe  '}}),
        ('list v2 with prefix and delimiter', None, 'list_objects_v2',
         {'Bucket': 'test', 'Prefix': 'a/b c+d/é', 'Delimiter': '/', 'EncodingType': 'url', 'MaxKeys': 2}),
        ('list buckets (service level)', None, 'list_buckets', {}),
        ('get with session token', SESSION_TOKEN, 'get_object', {'Bucket': 'test', 'Key': 'secret/ü.txt'}),
        ('put with session token', SESSION_TOKEN, 'put_object', {'Bucket': 'test', 'Key': 'k', 'Body': b''}),
        ('multipart upload part', None, 'upload_part',
         {'Bucket': 'test', 'Key': 'big file.bin', 'PartNumber': 3, 'UploadId': 'abc+def/ghi=', 'Body': b'x' * 100}),
        ('create multipart upload', None, 'create_multipart_upload', {'Bucket': 'test', 'Key': 'big file.bin'}),
    ]
    vectors = []
    for name, token, operation, params in cases:
        client = make_client(token)
        captured = {}

        def before_send(request, **kwargs):
            captured['request'] = request
            response = AWSResponse(request.url, 200, {}, None)
            raise _Captured(response)

        client.meta.events.register('before-send.s3', before_send)
        try:
            getattr(client, operation)(**params)
        except _Captured:
            pass
        vectors.append(vector_from_request(name, captured['request'], token))
    return vectors


class _Captured(Exception):
    def __init__(self, response):
        super().__init__('captured')
        self.response = response


def raw_header_vectors():
    """Cases the S3 model cannot express: repeated and empty query values, folded header whitespace."""
    cases = [
        ('raw repeated and empty query values', 'GET', '/test/obj',
         [('b', '2'), ('a', 'x y'), ('a', '+'), ('c', ''), ('uploads', '')], [('X-Amz-Meta-Note', ' a \t b  ')]),
        ('raw subresource and slash in value', 'POST', '/test/k%2Bey',
         [('uploads', ''), ('prefix', 'a/b')], [('Content-Type', 'application/octet-stream')]),
        ('raw repeated header names', 'GET', '/test/k',
         [], [('X-Amz-Meta-A', 'one'), ('X-Amz-Meta-A', ' two  three ')]),
    ]
    from urllib.parse import quote
    vectors = []
    for name, method, path, query, headers in cases:
        encoded_query = '&'.join(f"{quote(k, safe='-_.~')}={quote(v, safe='-_.~')}" for k, v in query)
        url = ENDPOINT + path + ('?' + encoded_query if encoded_query else '')
        request = AWSRequest(method=method, url=url, data=b'')
        for hname, hvalue in headers:
            # AWSRequest headers are an HTTPHeaders (email.message): add_header keeps repeated names.
            request.headers.add_header(hname, hvalue)
        signer = botocore.auth.S3SigV4Auth(Credentials(ACCESS_KEY, SECRET_KEY), 's3', REGION)
        signer.add_auth(request)
        vector = vector_from_request(name, request, None)
        vector['query'] = [[k, v] for k, v in query]
        vector['headers'] = [[k, v] for k, v in headers]
        vectors.append(vector)
    return vectors


def presign_vectors():
    vectors = []
    operations = [('GET', 'get_object'), ('PUT', 'put_object'), ('HEAD', 'head_object'), ('DELETE', 'delete_object')]
    keys = ['plain.txt', 'a b+c/ü?#.txt', '/lead//x/../y']
    for token in (None, SESSION_TOKEN):
        client = make_client(token)
        for method, operation in operations:
            for expires in (1, 3600, 604800):
                for key in keys:
                    url = client.generate_presigned_url(
                        operation, Params={'Bucket': 'test', 'Key': key}, ExpiresIn=expires)
                    bucket, parsed_key, query = split_target(url)
                    # Only the operation's own parameters are inputs; the auth parameters are the expectation.
                    own = [item for item in query if not item[0].startswith('X-Amz-')]
                    vectors.append({
                        'name': f'{method} {key!r} expires={expires} token={bool(token)}',
                        'method': method,
                        'bucket': bucket,
                        'key': parsed_key,
                        'query': own,
                        'expires': expires,
                        'sessionToken': token or '',
                        'url': url,
                    })
    # A presign with operation parameters in the query (multipart part upload).
    client = make_client(None)
    url = client.generate_presigned_url(
        'upload_part', Params={'Bucket': 'test', 'Key': 'big file.bin', 'PartNumber': 7, 'UploadId': 'u+p/l=o'},
        ExpiresIn=900)
    bucket, key, query = split_target(url)
    vectors.append({'name': 'PUT upload_part with query', 'method': 'PUT', 'bucket': bucket, 'key': key,
                    'query': [item for item in query if not item[0].startswith('X-Amz-')], 'expires': 900,
                    'sessionToken': '', 'url': url})
    return vectors


def main():
    os.environ['AWS_CONFIG_FILE'] = os.devnull
    os.environ['AWS_SHARED_CREDENTIALS_FILE'] = os.devnull
    for name in ('AWS_PROFILE', 'AWS_DEFAULT_PROFILE', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY',
                 'AWS_SESSION_TOKEN', 'AWS_REGION', 'AWS_DEFAULT_REGION'):
        os.environ.pop(name, None)
    with frozen_clock():
        data = {
            'generator': 'tests/tools/gen_botocore_vectors.py',
            'botocore': botocore.__version__,
            'endpoint': ENDPOINT,
            'region': REGION,
            'accessKeyId': ACCESS_KEY,
            'secretAccessKey': SECRET_KEY,
            'time': FROZEN.strftime('%Y-%m-%dT%H:%M:%SZ'),
            'headerVectors': client_header_vectors() + raw_header_vectors(),
            'presignVectors': presign_vectors(),
        }
    json.dump(data, sys.stdout, indent=1, ensure_ascii=False)
    sys.stdout.write('\n')


if __name__ == '__main__':
    main()
