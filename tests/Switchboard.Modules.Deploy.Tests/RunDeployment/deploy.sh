#!/bin/sh
# The deploy script the tests configure: it reports what it was given, fails for the ref "broken", and for the ref
# "held" waits until a file named by the deployment's number exists in $RELEASE_DIR, so a test sees it under way.
echo "Deploying $SWITCHBOARD_APP@$SWITCHBOARD_REF to $SWITCHBOARD_ENVIRONMENT as $SWITCHBOARD_PERSON (deployment $SWITCHBOARD_DEPLOY_ID, $SWITCHBOARD_ACTION)"
echo "-----> Migrating"
echo "warming caches" >&2
if [ "$SWITCHBOARD_REF" = "broken" ]; then
  echo "migration 42 failed"
  exit 1
fi
if [ "$SWITCHBOARD_REF" = "held" ]; then
  while [ ! -f "$RELEASE_DIR/$SWITCHBOARD_DEPLOY_ID" ]; do sleep 0.05; done
fi
echo "done"
