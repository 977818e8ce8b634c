<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
<context>
    <name>ActionsSection</name>
    <message>
        <location filename="../../ui/forms/actions.py" line="+252"/>
        <source>Actions</source>
        <extracomment>Seizure record ids already listed in the draft (the core adds the child seizures).</extracomment>
        <translation>Acciones</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Searches</source>
        <translation>Revisiones</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use of force</source>
        <translation>Uso de la fuerza</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restraints</source>
        <translation>Sujeciones</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add search</source>
        <translation>Agregar revisión</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add use of force</source>
        <translation>Agregar uso de la fuerza</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add restraint</source>
        <translation>Agregar sujeción</translation>
    </message>
</context>
<context>
    <name>AddendumDialog</name>
    <message>
        <location filename="../../ui/records/addendum.py" line="+167"/>
        <source>Say why you add this addendum.</source>
        <translation>Indique por qué agrega esta adenda.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Sign in to add an addendum.</source>
        <translation>Inicie sesión para agregar una adenda.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Addendum added.</source>
        <translation>Adenda agregada.</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Discard the addendum?</source>
        <translation>¿Descartar la adenda?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What you typed in this addendum will not be kept.</source>
        <translation>Lo que escribió en esta adenda no se conservará.</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+21"/>
        <source>Add addendum</source>
        <translation>Agregar adenda</translation>
    </message>
    <message>
        <location line="-19"/>
        <source>Record</source>
        <translation>Registro</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Reason</source>
        <translation>&amp;Motivo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Text</source>
        <translation>&amp;Texto</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Corrections</source>
        <translation>Correcciones</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Why this addendum (e.g. information received later)</source>
        <translation>Motivo de la adenda (p. ej., información recibida después)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>What is added to the record. The original stays as it was finalized.</source>
        <translation>Lo que se agrega al registro. El original queda tal como se finalizó.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Correct a &amp;field…</source>
        <translation>Corregir un &amp;campo…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The narrative and the identifying numbers cannot be corrected; add text instead</source>
        <translation>La narrativa y los números de identificación no se pueden corregir; agregue texto en su lugar</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Add the addendum (Ctrl+Enter)</source>
        <translation>Agregar la adenda (Ctrl+Enter)</translation>
    </message>
</context>
<context>
    <name>ApprovalCard</name>
    <message>
        <location filename="../../ui/forms/seizure_parts.py" line="+152"/>
        <source>Approval %1</source>
        <translation>Aprobación %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Level</source>
        <translation>Nivel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approved by</source>
        <translation>Aprobado por</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approved at</source>
        <translation>Aprobado el</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Supervisor</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Second-line supervisor (transfer)</source>
        <translation>Supervisor de segundo nivel (transferencia)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose…</source>
        <translation>Elija…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose a supervisor</source>
        <translation>Elija un supervisor</translation>
    </message>
</context>
<context>
    <name>ApprovalsEditor</name>
    <message>
        <location line="+20"/>
        <source>Add approval</source>
        <translation>Agregar aprobación</translation>
    </message>
</context>
<context>
    <name>Autosaver</name>
    <message>
        <location filename="../../ui/forms/autosave.py" line="+168"/>
        <source>Could not save the draft: %1</source>
        <extracomment>The state shown by the indicator changed (saving, saved, failed). A save completed: the draft as stored. The draft was created by the first save: its id. The last failure&apos;s sentence, or None.</extracomment>
        <translation>No se pudo guardar el borrador: %1</translation>
    </message>
</context>
<context>
    <name>Card</name>
    <message>
        <location filename="../../ui/forms/cards.py" line="+104"/>
        <source>Remove</source>
        <extracomment>Problems about the entry as a whole (e.g. a duplicate person).</extracomment>
        <translation>Quitar</translation>
    </message>
</context>
<context>
    <name>CardList</name>
    <message>
        <location line="+74"/>
        <source>Remove entry</source>
        <extracomment>Cards were added or removed: the tab order must be rebuilt. Problems about the list as a whole (e.g. &quot;list at least one person&quot;). Asks before removing an entry with content; tests may replace it.</extracomment>
        <translation>Quitar entrada</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove “%1” and everything typed in it?</source>
        <translation>¿Quitar “%1” y todo lo que escribió en ella?</translation>
    </message>
</context>
<context>
    <name>CorrectionRow</name>
    <message>
        <location filename="../../ui/records/corrections.py" line="+130"/>
        <source>Choose a field from the list.</source>
        <extracomment>Fields an addendum cannot correct: the identifying ones and the locked narrative. How a correction&apos;s new value is given: a value, or one of the two kinds of empty.</extracomment>
        <translation>Elija un campo de la lista.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Type yes or no.</source>
        <translation>Escriba sí o no.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Type a whole number.</source>
        <translation>Escriba un número entero.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Now: {value}</source>
        <translation>Ahora: {value}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Field to correct (type to find)</source>
        <translation>Campo a corregir (escriba para buscar)</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+8"/>
        <source>New value</source>
        <translation>Valor nuevo</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>Unknown</source>
        <translation>Desconocido</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refused</source>
        <translation>Se negó</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not recorded</source>
        <translation>No registrado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not applicable</source>
        <translation>No aplica</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Remove</source>
        <translation>Quitar</translation>
    </message>
</context>
<context>
    <name>CustodyTimelineHtml</name>
    <message>
        <location filename="../../ui/records/custody_html.py" line="+32"/>
        <source>{when} — seized by {officer}; no hand-over recorded yet.</source>
        <extracomment>Colours that read at a glance: the timeline&apos;s rule, a broken seal, an intact one.</extracomment>
        <translation>{when} — asegurado por {officer}; aún no se registra ninguna entrega.</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+4"/>
        <source>Chain of custody</source>
        <translation>Cadena de custodia</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>seized</source>
        <translation>asegurado</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Exhibit</source>
        <translation>Indicio</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Item</source>
        <translation>Objeto</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Steps</source>
        <translation>Movimientos</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Now</source>
        <translation>Ahora</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>handed on</source>
        <translation>entregado a otra dependencia</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>returned</source>
        <translation>devuelto</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Handed on:</source>
        <translation>Entregado a:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Returned to</source>
        <translation>Devuelto a</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>since {when}</source>
        <translation>desde {when}</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>{when} — Seized</source>
        <translation>{when} — Aseguramiento</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Found: {where}</source>
        <translation>Lugar del hallazgo: {where}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>{when} — Hand-over #{sequence}: {purpose}</source>
        <translation>{when} — Entrega núm. {sequence}: {purpose}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Route: {route}</source>
        <translation>Ruta: {route}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Condition: {condition}</source>
        <translation>Estado: {condition}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Receipt {number}</source>
        <translation>Recibo {number}</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>{when} — {outcome}</source>
        <translation>{when} — {outcome}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Receiver:</source>
        <translation>Quien recibe:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>exhibits {numbers}</source>
        <translation>indicios {numbers}</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>seal intact</source>
        <translation>sello intacto</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>seal NOT intact: {reason}</source>
        <translation>sello NO intacto: {reason}</translation>
    </message>
</context>
<context>
    <name>CustodyTransferDialog</name>
    <message>
        <location filename="../../ui/records/custody.py" line="+259"/>
        <source>Sign in to record a hand-over.</source>
        <extracomment>The receipt dialog&apos;s module, imported only when a receipt is printed. The dialog&apos;s size when the screen has room: two columns, nothing to scroll.</extracomment>
        <translation>Inicie sesión para registrar una entrega.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Choose who receives the items.</source>
        <translation>Elija quién recibe los objetos.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The officer releasing custody signs before the hand-over is recorded.</source>
        <translation>El agente que entrega la custodia debe firmar antes de que se registre la entrega.</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Custody transfer recorded.</source>
        <translation>Transferencia de custodia registrada.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Transfer receipt</source>
        <translation>Recibo de transferencia</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print the transfer receipt?</source>
        <translation>¿Imprimir el recibo de transferencia?</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The receiver keeps a copy. Later, print it from the transfer&apos;s record.</source>
        <translation>Quien recibe conserva una copia. Para imprimirlo más tarde, hágalo desde el registro de la transferencia.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Print receipt…</source>
        <translation>&amp;Imprimir recibo…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Later</source>
        <translation>&amp;Más tarde</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Discard the hand-over?</source>
        <translation>¿Descartar la entrega?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What you typed for this custody transfer will not be kept.</source>
        <translation>Lo que escribió para esta transferencia de custodia no se conservará.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Transfer custody</source>
        <translation>Transferir custodia</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Seizure</source>
        <translation>Aseguramiento</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Items</source>
        <translation>&amp;Objetos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Released &amp;by</source>
        <translation>Entregado &amp;por</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Received by</source>
        <translation>Recibido por</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Purpose</source>
        <translation>&amp;Finalidad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Route or transport</source>
        <translation>&amp;Ruta o transporte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seal</source>
        <translation>Sello</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Condition</source>
        <translation>E&amp;stado</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Say what the purpose is</source>
        <translation>Indique la finalidad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. official vehicle, port to evidence vault</source>
        <translation>p. ej., vehículo oficial, del puerto a la bodega de evidencias</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seal &amp;intact</source>
        <translation>Sello &amp;intacto</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Why the seal is not intact</source>
        <translation>Por qué el sello no está intacto</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. sealed, undamaged</source>
        <translation>p. ej., sellado, sin daños</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record transfer</source>
        <translation>Registrar transferencia</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record the hand-over (Ctrl+Enter)</source>
        <translation>Registrar la entrega (Ctrl+Enter)</translation>
    </message>
</context>
<context>
    <name>DateTimeField</name>
    <message>
        <location filename="../../ui/forms/times.py" line="+159"/>
        <source>Type the time at the checkpoint; press N for now.</source>
        <translation>Escriba la hora del punto de control; pulse N para la hora actual.</translation>
    </message>
</context>
<context>
    <name>DemoHqService</name>
    <message>
        <location filename="../../ui/demo_hq.py" line="+99"/>
        <source>The demo HQ is not available, so Sync cannot be tried: {0}</source>
        <extracomment>Wait after the first window appears before starting HQ (ms): the first paint comes first. HQ answers at this address, and the demo profile is enrolled with it. HQ could not be started or the profile not enrolled: the sentence why.</extracomment>
        <translation>La central de demostración no está disponible, así que no se puede probar la sincronización: {0}</translation>
    </message>
</context>
<context>
    <name>DemoProgress</name>
    <message>
        <location filename="../../ui/app.py" line="+390"/>
        <source>Making the demo profile: made-up encounters and seizures…</source>
        <extracomment>The program&apos;s log, in the profile folder. The program should end, with this exit code (run_gui connects it to QApplication.exit). A profile already opened by the unlock window, and who unlocked it. Where the demo&apos;s own HQ keeps its files (None: no demo HQ). Whether to start the connectivity watcher. The lock screen, once HQ revoked this device (then the only window, for good).</extracomment>
        <translation>Creando el perfil de demostración: encuentros y aseguramientos ficticios…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
</context>
<context>
    <name>DenominationCounter</name>
    <message>
        <location filename="../../ui/forms/currency.py" line="+409"/>
        <source>Total: %1</source>
        <extracomment>Currency of the first line of a new count (follows the item&apos;s category). Who witnesses a new count unless the officer picks someone else. Called when the structure changes (lines added or removed), e.g. to fix the tab order.</extracomment>
        <translation>Total: %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Total: nothing yet</source>
        <translation>Total: nada aún</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Count deferred</source>
        <translation>Conteo aplazado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Why the count could not be made now</source>
        <translation>Por qué no se pudo contar ahora</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add line</source>
        <translation>Agregar línea</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enter in the last count field adds a line too.</source>
        <translation>Enter en el último campo de cantidad también agrega una línea.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Counted by</source>
        <translation>Contado por</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Count witnessed by</source>
        <translation>Testigo del conteo</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+1"/>
        <source>Choose an officer</source>
        <translation>Elija un agente</translation>
    </message>
</context>
<context>
    <name>DenominationLine</name>
    <message>
        <location line="-230"/>
        <source>“%1” is not a denomination; type e.g. 20 or 0.25.</source>
        <extracomment>Currencies offered first; any other ISO code read from a draft is kept and shown. Enter in the count field: go on to the next line (or a new one).</extracomment>
        <translation>“%1” no es una denominación; escriba p. ej. 20 o 0.25.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Denomination</source>
        <translation>Denominación</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How many</source>
        <translation>Cantidad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove this line</source>
        <translation>Quitar esta línea</translation>
    </message>
</context>
<context>
    <name>DetentionCard</name>
    <message>
        <location filename="../../ui/forms/result.py" line="+136"/>
        <source>Detention %1</source>
        <translation>Detención %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Person</source>
        <translation>Persona</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type of detention</source>
        <translation>Tipo de detención</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Handed to</source>
        <translation>Puesto a disposición de</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rights read at</source>
        <translation>Lectura de derechos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contact</source>
        <translation>Contacto</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contact&apos;s name</source>
        <translation>Nombre del contacto</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Relationship</source>
        <translation>Parentesco</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notified at</source>
        <translation>Avisado el</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Transfer route</source>
        <translation>Ruta de traslado</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the authority the person was handed to</source>
        <translation>la autoridad a la que se puso a disposición a la persona</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>With the person&apos;s consent, a relative or trusted contact was notified</source>
        <translation>Con el consentimiento de la persona, se avisó a un familiar o persona de confianza</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose the person…</source>
        <translation>Elija a la persona…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>from where to where, and how</source>
        <translation>de dónde a dónde, y cómo</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>In flagrante</source>
        <translation>Flagrancia</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Warrant</source>
        <translation>Orden de aprehensión</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Administrative</source>
        <translation>Administrativa</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Immigration</source>
        <translation>Migratoria</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other</source>
        <translation>Otra</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose the type of detention…</source>
        <translation>Elija el tipo de detención…</translation>
    </message>
</context>
<context>
    <name>DraftSummary</name>
    <message>
        <location filename="../../ui/drafts/summary.py" line="+42"/>
        <source>Encounter</source>
        <translation>Encuentro</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seizure</source>
        <translation>Aseguramiento</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Custody transfer</source>
        <translation>Transferencia de custodia</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Property return</source>
        <translation>Devolución de bienes</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>name refused</source>
        <translation>se negó a dar su nombre</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>name unknown</source>
        <translation>nombre desconocido</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no name yet</source>
        <translation>sin nombre aún</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>1 person: </source>
        <translation>1 persona: </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 people: </source>
        <translation>%1 personas: </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>plate %1</source>
        <translation>placa %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>1 item</source>
        <translation>1 objeto</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 items</source>
        <translation>%1 objetos</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>1 seizure</source>
        <translation>1 aseguramiento</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 seizures</source>
        <translation>%1 aseguramientos</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>nothing typed yet</source>
        <translation>nada escrito aún</translation>
    </message>
</context>
<context>
    <name>DraftsPage</name>
    <message>
        <location filename="../../ui/drafts/page.py" line="+203"/>
        <source>Discard the draft “%1”? It was never finalized and cannot be recovered.</source>
        <translation>¿Descartar el borrador “%1”? Nunca se finalizó y no se podrá recuperar.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Draft discarded.</source>
        <translation>Borrador descartado.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Drafts</source>
        <translation>Borradores</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Unfinished records, saved on this device as you typed. They are not evidence until you finalize them.</source>
        <translation>Registros sin terminar, guardados en este equipo mientras escribía. No son evidencia hasta que los finalice.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Last saved</source>
        <translation>Último guardado</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>What it holds</source>
        <translation>Contenido</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No unfinished drafts.</source>
        <translation>No hay borradores sin terminar.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open (Enter)</source>
        <translation>Abrir (Enter)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Discard… (Del)</source>
        <translation>Descartar… (Supr)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Discard draft</source>
        <translation>Descartar borrador</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep (Esc)</source>
        <translation>Conservar (Esc)</translation>
    </message>
</context>
<context>
    <name>Empty</name>
    <message>
        <location filename="../../ui/forms/fields.py" line="+64"/>
        <source>Unknown</source>
        <translation>Desconocido</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refused</source>
        <translation>Se negó</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not recorded</source>
        <translation>No registrado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not applicable</source>
        <translation>No aplica</translation>
    </message>
</context>
<context>
    <name>EncounterForm</name>
    <message>
        <location filename="../../ui/forms/encounter.py" line="+342"/>
        <source>No problems found. Finalize with Ctrl+Enter.</source>
        <translation>No se encontraron problemas. Finalice con Ctrl+Enter.</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>Finalizing…</source>
        <extracomment>Section key -&gt; the letter that jumps to it with Alt. The encounter (and its seizures) were finalized: their record ids. The officer closed the form (the draft is kept). A reopened draft has been read and shown.</extracomment>
        <translation>Finalizando…</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Finalized as %1. It is locked; changes are now addenda.</source>
        <translation>Finalizado como %1. Quedó bloqueado; los cambios ahora son adendas.</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Not finalized: 1 problem to fix, marked beside its field.</source>
        <translation>No se finalizó: 1 problema por corregir, señalado junto a su campo.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not finalized: %1 problems to fix, marked beside the fields.</source>
        <translation>No se finalizó: %1 problemas por corregir, señalados junto a los campos.</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Encounter %1</source>
        <translation>Encuentro %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Encounter draft</source>
        <translation>Borrador de encuentro</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New encounter</source>
        <translation>Nuevo encuentro</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Check (F7)</source>
        <translation>Verificar (F7)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close (Esc)</source>
        <translation>Cerrar (Esc)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Finalize (Ctrl+Enter)</source>
        <translation>Finalizar (Ctrl+Enter)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tab: next field · Ctrl+S: save now · Alt+letter: section</source>
        <translation>Tab: campo siguiente · Ctrl+S: guardar ahora · Alt+letra: sección</translation>
    </message>
</context>
<context>
    <name>EncounterHtml</name>
    <message>
        <location filename="../../ui/records/encounter_html.py" line="+41"/>
        <source>(primary)</source>
        <translation>(principal)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Reference</source>
        <translation>Folio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Agency</source>
        <translation>Dependencia</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Officer</source>
        <translation>Agente</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Partner agencies</source>
        <translation>Dependencias participantes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Started</source>
        <translation>Inicio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ended</source>
        <translation>Fin</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Checkpoint</source>
        <translation>Punto de control</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Location</source>
        <translation>Ubicación</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type of stop</source>
        <translation>Tipo de intervención</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+110"/>
        <location line="+13"/>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <location line="-122"/>
        <source>Grounds</source>
        <translation>Motivación</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Object of search</source>
        <translation>Objeto de la revisión</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Legal power</source>
        <translation>Fundamento legal</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Body-camera clips</source>
        <translation>Videos de cámara corporal</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The stop</source>
        <translation>La intervención</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>interpreter used</source>
        <translation>con intérprete</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Ref.</source>
        <translation>Ref.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Role</source>
        <translation>Rol</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Born / age</source>
        <translation>Nacimiento / edad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nationality</source>
        <translation>Nacionalidad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Document</source>
        <translation>Documento</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No people listed.</source>
        <translation>No hay personas registradas.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>People</source>
        <translation>Personas</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+7"/>
        <location line="+6"/>
        <source>Vehicle</source>
        <translation>Vehículo</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>No vehicle.</source>
        <translation>Sin vehículo.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Plate</source>
        <translation>Placa</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Colour</source>
        <translation>Color</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>VIN</source>
        <translation>NIV</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>with consent</source>
        <translation>con consentimiento</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>without consent</source>
        <translation>sin consentimiento</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Search of</source>
        <translation>Revisión de</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Consent</source>
        <translation>Consentimiento</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Basis</source>
        <translation>Fundamento</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+73"/>
        <location line="+56"/>
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <location line="-115"/>
        <source>Use of force on</source>
        <translation>Uso de la fuerza sobre</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+107"/>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location line="-105"/>
        <source>Injury</source>
        <translation>Lesión</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Restraint of</source>
        <translation>Sujeción de</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Kind</source>
        <translation>Medio</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No search, force or restraint recorded.</source>
        <translation>No se registró revisión, uso de la fuerza ni sujeción.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Actions</source>
        <translation>Acciones</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the vehicle</source>
        <translation>el vehículo</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{to} at {when}</source>
        <translation>{to}, {when}</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Person</source>
        <translation>Persona</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Flag</source>
        <translation>Alerta</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Details</source>
        <translation>Detalles</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Medical care</source>
        <translation>Atención médica</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Referral</source>
        <translation>Canalización</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>None noted.</source>
        <translation>Ninguna registrada.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Protection flags</source>
        <translation>Alertas de protección</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Handed over to</source>
        <translation>Entregado a</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Receipt given</source>
        <translation>Recibo entregado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Full record</source>
        <translation>Registro completo</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{name} ({relationship}), {when}, consent: {consent}</source>
        <translation>{name} ({relationship}), {when}, consentimiento: {consent}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>yes</source>
        <translation>sí</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Detained</source>
        <translation>Detenido</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Handed to</source>
        <translation>Puesto a disposición de</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rights read</source>
        <translation>Lectura de derechos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contact notified</source>
        <translation>Contacto avisado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Transfer route</source>
        <translation>Ruta de traslado</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Locked at finalization; later accounts are addenda.</source>
        <translation>Bloqueada al finalizar; los relatos posteriores son adendas.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Narrative</source>
        <translation>Narrativa</translation>
    </message>
</context>
<context>
    <name>EnrollForm</name>
    <message>
        <location filename="../../ui/sync_enroll.py" line="+118"/>
        <source>To send this device&apos;s records to HQ, enroll it once: type HQ&apos;s address and the one-time enrollment code an HQ administrator gave you, and choose HQ&apos;s certificate authority file (ca.crt) HQ gave with it.</source>
        <extracomment>The device is enrolled now (the :class:`sync.protocol.EnrollResponse`).</extracomment>
        <translation>Para enviar los registros de este equipo a la central, dé de alta el equipo una sola vez: escriba la dirección de la central y el código de alta de un solo uso que le dio un administrador de la central, y elija el archivo de la autoridad de certificación de la central (ca.crt) que le entregaron junto con el código.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>HQ &amp;address:</source>
        <translation>&amp;Dirección de la central:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enrollment &amp;code:</source>
        <translation>&amp;Código de alta:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>HQ&apos;s cer&amp;tificate authority:</source>
        <translation>Autoridad de cer&amp;tificación de la central:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>HQ&apos;s ca.crt file, or the fingerprint of it that HQ gave you (SHA-256).</source>
        <translation>El archivo ca.crt de la central, o la huella digital (SHA-256) de ese archivo que le dio la central.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>C&amp;hoose…</source>
        <translation>&amp;Elegir…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Enrolling…</source>
        <translation>Dando de alta…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Enroll</source>
        <translation>Dar de &amp;alta</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>HQ&apos;s certificate authority</source>
        <translation>Autoridad de certificación de la central</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Certificates (*.crt *.pem *.cer);;All files (*)</source>
        <translation>Certificados (*.crt *.pem *.cer);;Todos los archivos (*)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Type HQ&apos;s address, like https://hq.example.org.</source>
        <translation>Escriba la dirección de la central, p. ej., https://hq.example.org.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Type the enrollment code HQ gave you.</source>
        <translation>Escriba el código de alta que le dio la central.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Choose HQ&apos;s certificate authority file (ca.crt, given by HQ with the code), or type its fingerprint: it is how this device knows the server is HQ.</source>
        <translation>Elija el archivo de la autoridad de certificación de la central (ca.crt, que la central entrega con el código), o escriba su huella digital: así este equipo sabe que el servidor es la central.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>A sync is running; enroll again when it has finished.</source>
        <translation>Hay una sincronización en curso; vuelva a intentar el alta cuando termine.</translation>
    </message>
</context>
<context>
    <name>FieldNames</name>
    <message>
        <location filename="../../ui/records/field_names.py" line="+60"/>
        <source>Actions</source>
        <translation>Acciones</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mailing address</source>
        <translation>Domicilio postal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Age range</source>
        <translation>Rango de edad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Agency</source>
        <translation>Dependencia</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Amount</source>
        <translation>Cifra</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approvals</source>
        <translation>Aprobaciones</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approved at</source>
        <translation>Aprobado el</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Handed over to</source>
        <translation>Entregado a</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Basis</source>
        <translation>Fundamento</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Body-camera clips</source>
        <translation>Videos de cámara corporal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Calibre</source>
        <translation>Calibre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Category</source>
        <translation>Categoría</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Category code</source>
        <translation>Clave de categoría</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Checkpoint</source>
        <translation>Punto de control</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Colour</source>
        <translation>Color</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Condition</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Consent to notify</source>
        <translation>Consentimiento para avisar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contact for return</source>
        <translation>Contacto para devolución</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contact&apos;s name</source>
        <translation>Nombre del contacto</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contact notified</source>
        <translation>Contacto avisado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Corrections</source>
        <translation>Correcciones</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How many</source>
        <translation>Cantidad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Why the count was deferred</source>
        <translation>Por qué se aplazó el conteo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Counted by</source>
        <translation>Contado por</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Country</source>
        <translation>País</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Currency</source>
        <translation>Moneda</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Currency count</source>
        <translation>Conteo de efectivo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How custody started</source>
        <translation>Inicio de la custodia</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Date of birth</source>
        <translation>Fecha de nacimiento</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Declined to sign</source>
        <translation>Se negó a firmar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Denomination</source>
        <translation>Denominación</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Description</source>
        <translation>Descripción</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Details</source>
        <translation>Detalles</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Detained person&apos;s own property</source>
        <translation>Bienes propios de la persona detenida</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type of detention</source>
        <translation>Tipo de detención</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Detentions</source>
        <translation>Detenciones</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Document type</source>
        <translation>Tipo de documento</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Identity document</source>
        <translation>Documento de identidad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Empty</source>
        <translation>Vacío</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Encounter</source>
        <translation>Encuentro</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ended</source>
        <translation>Fin</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exhibit number</source>
        <translation>Número de indicio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exhibit numbers</source>
        <translation>Números de indicio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Field test</source>
        <translation>Prueba de campo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type of force</source>
        <translation>Tipo de fuerza</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Found where</source>
        <translation>Dónde se encontró</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Given</source>
        <translation>Entregado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gross weight at seizure</source>
        <translation>Peso bruto al asegurar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Grounds</source>
        <translation>Motivación</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Handed over at</source>
        <translation>Entregado el</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Handover</source>
        <translation>Entrega</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How to obtain the record</source>
        <translation>Cómo obtener el registro</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record id</source>
        <translation>Identificador del registro</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ID number</source>
        <translation>Número de identificación</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Injury</source>
        <translation>Lesión</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Interpreter</source>
        <translation>Intérprete</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Issued by</source>
        <translation>Expedido por</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Items</source>
        <translation>Objetos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Test kit</source>
        <translation>Kit de prueba</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Landmark</source>
        <translation>Punto de referencia</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Language spoken</source>
        <translation>Idioma que habla</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Latitude</source>
        <translation>Latitud</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Legal power</source>
        <translation>Fundamento legal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Level</source>
        <translation>Nivel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Denominations</source>
        <translation>Denominaciones</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Location</source>
        <translation>Ubicación</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Longitude</source>
        <translation>Longitud</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Make</source>
        <translation>Marca</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Medical care</source>
        <translation>Atención médica</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Medium</source>
        <translation>Medio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Model</source>
        <translation>Modelo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Narrative</source>
        <translation>Narrativa</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nationality</source>
        <translation>Nacionalidad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notified at</source>
        <translation>Avisado el</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Document number</source>
        <translation>Número de documento</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Officer</source>
        <translation>Agente</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Officer&apos;s note</source>
        <translation>Nota del agente</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Outcome</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Owner</source>
        <translation>Propietario</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Package reference</source>
        <translation>Referencia del embalaje</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Packages</source>
        <translation>Embalajes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Partner agencies</source>
        <translation>Dependencias participantes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Field to correct</source>
        <translation>Campo a corregir</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>People</source>
        <translation>Personas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Person</source>
        <translation>Persona</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Photos</source>
        <translation>Fotos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Plate</source>
        <translation>Placa</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Plate issued by</source>
        <translation>Placa expedida en</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Primary agency</source>
        <translation>Dependencia principal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Protection flags</source>
        <translation>Alertas de protección</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Purpose</source>
        <translation>Finalidad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Purpose, in detail</source>
        <translation>Finalidad, en detalle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quantity</source>
        <translation>Cantidad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Receipt</source>
        <translation>Recibo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Received by</source>
        <translation>Recibido por</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Received by (id)</source>
        <translation>Recibido por (identificación)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Received by (name)</source>
        <translation>Recibido por (nombre)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Receiving agency</source>
        <translation>Dependencia que recibe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Referral reference</source>
        <translation>Folio de canalización</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reference number</source>
        <translation>Folio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Referral</source>
        <translation>Canalización</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Referred at</source>
        <translation>Canalizado el</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Referred to</source>
        <translation>Canalizado a</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Relationship</source>
        <translation>Parentesco</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Released by</source>
        <translation>Entregado por</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restraints</source>
        <translation>Sujeciones</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Returned at</source>
        <translation>Devuelto el</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Returned to</source>
        <translation>Devuelto a</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rights read at</source>
        <translation>Lectura de derechos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Role</source>
        <translation>Rol</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Route or transport</source>
        <translation>Ruta o transporte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Why the seal is not intact</source>
        <translation>Por qué el sello no está intacto</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seal intact</source>
        <translation>Sello intacto</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seal numbers</source>
        <translation>Números de sello</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sealed by</source>
        <translation>Sellado por</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Object of the search</source>
        <translation>Objeto de la revisión</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Searches</source>
        <translation>Revisiones</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seized at</source>
        <translation>Asegurado el</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seized from</source>
        <translation>Asegurado a</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seizure</source>
        <translation>Aseguramiento</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seizures</source>
        <translation>Aseguramientos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seizure number</source>
        <translation>Número de aseguramiento</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sequence</source>
        <translation>Secuencia</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Serial number</source>
        <translation>Número de serie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signature fingerprint</source>
        <translation>Huella de la firma</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signature</source>
        <translation>Firma</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signatures</source>
        <translation>Firmas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Started</source>
        <translation>Inicio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type of stop</source>
        <translation>Tipo de intervención</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Searched</source>
        <translation>Revisión de</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tested at</source>
        <translation>Hora de la prueba</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Text</source>
        <translation>Texto</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Transfer route</source>
        <translation>Ruta de traslado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Transferred at</source>
        <translation>Trasladado el</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unit</source>
        <translation>Unidad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use of force</source>
        <translation>Uso de la fuerza</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New value</source>
        <translation>Valor nuevo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vehicle</source>
        <translation>Vehículo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>VIN</source>
        <translation>NIV</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Consent</source>
        <translation>Consentimiento</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Witness</source>
        <translation>Testigo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Witnessed by</source>
        <translation>Testigo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Written at</source>
        <translation>Escrito el</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Year</source>
        <translation>Año</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <location filename="../../ui/records/filters.py" line="+236"/>
        <source>Any time</source>
        <extracomment>Any choice changed.</extracomment>
        <translation>Cualquier día</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Today</source>
        <translation>Hoy</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last 7 days</source>
        <translation>Últimos 7 días</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last 30 days</source>
        <translation>Últimos 30 días</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Between dates…</source>
        <translation>Entre fechas…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>When the records happened</source>
        <translation>Cuándo ocurrieron los registros</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>From this day</source>
        <translation>Desde este día</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To this day (included)</source>
        <translation>Hasta este día (incluido)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Any checkpoint</source>
        <translation>Cualquier garita</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>All types</source>
        <translation>Todos los tipos</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Encounters: {stop}</source>
        <translation>Encuentros: {stop}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Encounters</source>
        <translation>Encuentros</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Seizures</source>
        <translation>Aseguramientos</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Any result</source>
        <translation>Todo resultado</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>With or without seizure</source>
        <translation>Con o sin aseguramiento</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>With a seizure</source>
        <translation>Con aseguramiento</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No seizure</source>
        <translation>Sin aseguramiento</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not yet at HQ</source>
        <translation>Aún no en la central</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only records with changes not yet synced to HQ</source>
        <translation>Solo registros con cambios aún no sincronizados con la central</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Needs review</source>
        <translation>Requiere revisión</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only records with concurrent changes to review</source>
        <translation>Solo registros con cambios simultáneos por revisar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear filters</source>
        <translation>Quitar filtros</translation>
    </message>
</context>
<context>
    <name>FlagCard</name>
    <message>
        <location filename="../../ui/forms/protection.py" line="+156"/>
        <source>Protection flag %1</source>
        <extracomment>Kinds that need a referral (the core&apos;s ``referral_required`` rule).</extracomment>
        <translation>Alerta de protección %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Person</source>
        <translation>Persona</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Details</source>
        <translation>Detalles</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Medical care</source>
        <translation>Atención médica</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Referral</source>
        <translation>Canalización</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Referred to</source>
        <translation>Canalizado a</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Referred at</source>
        <translation>Canalizado el</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Referral reference</source>
        <translation>Folio de canalización</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A referral was made</source>
        <translation>Se hizo una canalización</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>e.g. child protection services, asylum office</source>
        <translation>p. ej., protección a la infancia, oficina de asilo</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>their case or reference number, if any</source>
        <translation>su número de caso o folio, si lo hay</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose the person…</source>
        <translation>Elija a la persona…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Medical care was given</source>
        <translation>Se dio atención médica</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No medical care was given</source>
        <translation>No se dio atención médica</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose…</source>
        <translation>Elija…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Minor, accompanied</source>
        <translation>Menor acompañado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Minor, unaccompanied</source>
        <translation>Menor no acompañado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Injury or illness</source>
        <translation>Lesión o enfermedad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Disability</source>
        <translation>Discapacidad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fear of return / asylum request</source>
        <translation>Solicitud de asilo / temor de retorno</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signs of trafficking</source>
        <translation>Indicios de trata</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose the kind of flag…</source>
        <translation>Elija el tipo de alerta…</translation>
    </message>
</context>
<context>
    <name>ForceCard</name>
    <message>
        <location filename="../../ui/forms/actions.py" line="-135"/>
        <source>Use of force %1</source>
        <translation>Uso de la fuerza %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Person</source>
        <translation>Persona</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type of force</source>
        <translation>Tipo de fuerza</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Injury</source>
        <translation>Lesión</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The force caused an injury</source>
        <translation>La fuerza causó una lesión</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose the person…</source>
        <translation>Elija a la persona…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Verbal command</source>
        <translation>Orden verbal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Physical control</source>
        <translation>Control físico</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restraints</source>
        <translation>Sujeción</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Less-lethal device</source>
        <translation>Dispositivo menos letal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Firearm pointed</source>
        <translation>Apuntó con arma de fuego</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Firearm discharged</source>
        <translation>Disparo de arma de fuego</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other</source>
        <translation>Otro</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose the type of force…</source>
        <translation>Elija el tipo de fuerza…</translation>
    </message>
</context>
<context>
    <name>ItemDetail</name>
    <message>
        <location filename="../../ui/forms/item_detail.py" line="+249"/>
        <source>No item selected</source>
        <extracomment>The bound item changed (or an item got a photo): save, and refresh its table row.</extracomment>
        <translation>Ningún objeto seleccionado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add an item (Insert or Ctrl+Shift+N) or select one above.</source>
        <translation>Agregue un objeto (Insert o Ctrl+Shift+N) o seleccione uno arriba.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Exhibit %1</source>
        <translation>Indicio %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose the category first: its own fields appear here.</source>
        <translation>Elija primero la categoría: aquí aparecen sus propios campos.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Gross weight at seizure</source>
        <translation>Peso bruto al asegurar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Field test</source>
        <translation>Prueba de campo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Test kit</source>
        <translation>Kit de prueba</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tested at</source>
        <translation>Hora de la prueba</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Currency count</source>
        <translation>Conteo de efectivo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Photos</source>
        <translation>Fotos</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Document number</source>
        <translation>Número de documento</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Serial number or IMEI</source>
        <translation>Número de serie o IMEI</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Serial number</source>
        <translation>Número de serie</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Make</source>
        <translation>Marca</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Model</source>
        <translation>Modelo</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Calibre</source>
        <translation>Calibre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>VIN</source>
        <translation>NIV</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Plate</source>
        <translation>Placa</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>e.g. 1.250</source>
        <translation>p. ej., 1.250</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. NIK test U (cocaine)</source>
        <translation>p. ej., NIK test U (cocaína)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Positive</source>
        <translation>Positivo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Negative</source>
        <translation>Negativo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Inconclusive</source>
        <translation>No concluyente</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not tested</source>
        <translation>Sin prueba</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose the result…</source>
        <translation>Elija el resultado…</translation>
    </message>
</context>
<context>
    <name>ItemsEditor</name>
    <message>
        <location filename="../../ui/forms/items.py" line="+73"/>
        <source>Choose the category…</source>
        <translation>Elija la categoría…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Choose…</source>
        <translation>Elija…</translation>
    </message>
    <message>
        <location line="+111"/>
        <location line="+98"/>
        <source>Remove item</source>
        <extracomment>Problems about the list as a whole (&quot;list at least one seized item&quot;). Typing mistakes and problems in the current line&apos;s cells, beside the table. Asks before removing an item; tests may replace it.</extracomment>
        <translation>Quitar objeto</translation>
    </message>
    <message>
        <location line="-97"/>
        <source>Remove exhibit %1 and everything typed for it?</source>
        <translation>¿Quitar el indicio %1 y todo lo que escribió para él?</translation>
    </message>
    <message>
        <location line="+95"/>
        <source>Add item</source>
        <translation>Agregar objeto</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Insert or Ctrl+Shift+N</source>
        <translation>Insert o Ctrl+Shift+N</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete, in the table</source>
        <translation>Supr, en la tabla</translation>
    </message>
</context>
<context>
    <name>ItemsModel</name>
    <message>
        <location filename="../../ui/forms/items_model.py" line="+181"/>
        <source>count deferred</source>
        <extracomment>A cell was edited by the officer: (row, column name). Problems from the core per row, paths relative to the item.</extracomment>
        <translation>conteo aplazado</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>1 photo</source>
        <translation>1 foto</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 photos</source>
        <translation>%1 fotos</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>test positive</source>
        <translation>prueba positiva</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>test negative</source>
        <translation>prueba negativa</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>test inconclusive</source>
        <translation>prueba no concluyente</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not tested</source>
        <translation>sin prueba</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>No.</source>
        <translation>Núm.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Category</source>
        <translation>Categoría</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Description</source>
        <translation>Descripción</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quantity</source>
        <translation>Cantidad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unit</source>
        <translation>Unidad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Condition</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Details</source>
        <translation>Detalles</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../ui/records/labels.py" line="+109"/>
        <source>not applicable</source>
        <translation>no aplica</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>{name} (badge {badge})</source>
        <translation>{name} (placa {badge})</translation>
    </message>
    <message>
        <location line="+76"/>
        <source>Encounter</source>
        <translation>Encuentro</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seizure</source>
        <translation>Aseguramiento</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Custody transfer</source>
        <translation>Transferencia de custodia</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Property return</source>
        <translation>Devolución de bienes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Receipt</source>
        <translation>Recibo</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Primary inspection</source>
        <translation>Inspección primaria</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Secondary inspection</source>
        <translation>Inspección secundaria</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+32"/>
        <source>Pedestrian</source>
        <translation>Peatón</translation>
    </message>
    <message>
        <location line="-31"/>
        <source>Vehicle stop</source>
        <translation>Revisión vehicular</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rescue / welfare</source>
        <translation>Rescate / auxilio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other stop</source>
        <translation>Otra intervención</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No action</source>
        <translation>Sin acción</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Warning</source>
        <translation>Advertencia</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Citation</source>
        <translation>Infracción</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Arrest / detention</source>
        <translation>Detención / arresto</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Release</source>
        <translation>Liberación</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Handover to agency</source>
        <translation>Entrega a otra dependencia</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Evidence</source>
        <translation>Evidencia</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Forfeiture</source>
        <translation>Decomiso</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Safekeeping</source>
        <translation>Resguardo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Detained for examination</source>
        <translation>Retenido para examen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Drugs</source>
        <translation>Drogas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Currency</source>
        <translation>Efectivo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Firearm</source>
        <translation>Arma de fuego</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ammunition</source>
        <translation>Municiones</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vehicle</source>
        <translation>Vehículo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Document</source>
        <translation>Documento</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Electronic device</source>
        <translation>Dispositivo electrónico</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+6"/>
        <location line="+31"/>
        <location line="+15"/>
        <location line="+23"/>
        <source>Other</source>
        <translation>Otro</translation>
    </message>
    <message>
        <location line="-72"/>
        <source>Driver</source>
        <translation>Conductor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Passenger</source>
        <translation>Pasajero</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Passport</source>
        <translation>Pasaporte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Passport card</source>
        <translation>Tarjeta pasaporte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Border crossing card</source>
        <translation>Tarjeta de cruce fronterizo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Permanent resident card</source>
        <translation>Tarjeta de residente permanente</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trusted traveler card</source>
        <translation>Tarjeta de viajero confiable</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Driver&apos;s licence</source>
        <translation>Licencia de conducir</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>INE voter card</source>
        <translation>Credencial para votar (INE)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Matrícula consular</source>
        <translation>Matrícula consular</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>DPI (Guatemala)</source>
        <translation>DPI (Guatemala)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>DNI (Honduras)</source>
        <translation>DNI (Honduras)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>DUI (El Salvador)</source>
        <translation>DUI (El Salvador)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other national identity card</source>
        <translation>Otra identificación nacional</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other document</source>
        <translation>Otro documento</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>0–11 years</source>
        <translation>0–11 años</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>12–17 years</source>
        <translation>12–17 años</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>18–29 years</source>
        <translation>18–29 años</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>30–49 years</source>
        <translation>30–49 años</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>50 years or more</source>
        <translation>50 años o más</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Verbal command</source>
        <translation>Orden verbal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Physical control</source>
        <translation>Control físico</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restraints</source>
        <translation>Sujeción</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Less-lethal weapon</source>
        <translation>Arma menos letal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Firearm pointed</source>
        <translation>Apuntó con arma de fuego</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Firearm discharged</source>
        <translation>Disparo de arma de fuego</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Minor, accompanied</source>
        <translation>Menor acompañado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Minor, unaccompanied</source>
        <translation>Menor no acompañado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Injury or illness</source>
        <translation>Lesión o enfermedad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Disability</source>
        <translation>Discapacidad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fear of return / asylum request</source>
        <translation>Solicitud de asilo / temor de retorno</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signs of trafficking</source>
        <translation>Indicios de trata</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>In flagrante</source>
        <translation>Flagrancia</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Warrant</source>
        <translation>Orden de aprehensión</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Administrative</source>
        <translation>Administrativa</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Immigration</source>
        <translation>Migratoria</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>on paper</source>
        <translation>en papel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>electronically</source>
        <translation>de forma electrónica</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not given</source>
        <translation>no se entregó</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Found</source>
        <translation>Hallazgo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Discovered in a search</source>
        <translation>Localizado en una revisión</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Handed over</source>
        <translation>Entregado</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Positive</source>
        <translation>Positivo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Negative</source>
        <translation>Negativo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Inconclusive</source>
        <translation>No concluyente</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not tested</source>
        <translation>Sin prueba</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Bag</source>
        <translation>Bolsa</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Box</source>
        <translation>Caja</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Container</source>
        <translation>Contenedor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Envelope</source>
        <translation>Sobre</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Supervisor</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Second-line supervisor</source>
        <translation>Supervisor de segundo nivel</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Storage</source>
        <translation>Almacenamiento</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Laboratory analysis</source>
        <translation>Análisis de laboratorio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Prosecution</source>
        <translation>Proceso penal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Return to owner</source>
        <translation>Devolución al propietario</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Transfer to another agency</source>
        <translation>Traslado a otra dependencia</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Destruction</source>
        <translation>Destrucción</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other purpose</source>
        <translation>Otra finalidad</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Returned to the person</source>
        <translation>Devuelto a la persona</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Handed to the next agency</source>
        <translation>Entregado a la siguiente dependencia</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Finalized</source>
        <translation>Finalizado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Addendum</source>
        <translation>Adenda</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Custody transferred</source>
        <translation>Custodia transferida</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Property returned</source>
        <translation>Bienes devueltos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Receipt issued</source>
        <translation>Recibo emitido</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>HQ annotation</source>
        <translation>Nota de la central</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Conflict resolved</source>
        <translation>Conflicto resuelto</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>unknown</source>
        <translation>desconocido</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>refused</source>
        <translation>se negó</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not recorded</source>
        <translation>no registrado</translation>
    </message>
</context>
<context>
    <name>LoginWindow</name>
    <message>
        <location filename="../../ui/login.py" line="+133"/>
        <source>Sign in · Checkpoint field capture</source>
        <extracomment>The officer whose password was right (a :class:`fieldapp.auth.Officer`). The officer closed the window: the program should end.</extracomment>
        <translation>Iniciar sesión · Registro de campo en puntos de control</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Checkpoint field capture</source>
        <translation>Registro de campo en puntos de control</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign in with your officer id and password.</source>
        <translation>Inicie sesión con su identificador de agente y su contraseña.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Officer id</source>
        <translation>Identificador de &amp;agente</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Password</source>
        <translation>&amp;Contraseña</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. off-0001 or your badge number</source>
        <translation>p. ej. off-0001 o su número de placa</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+100"/>
        <source>Checking…</source>
        <translation>Verificando…</translation>
    </message>
    <message>
        <location line="-100"/>
        <location line="+114"/>
        <source>Sign in</source>
        <translation>Iniciar sesión</translation>
    </message>
    <message>
        <location line="-111"/>
        <source>This device has no officer credentials yet. Enroll it with HQ, or run “fieldapp demo” to try the program on made-up records. (Profile folder: {0})</source>
        <translation>Este equipo todavía no tiene credenciales de agentes. Dé de alta el equipo en la central, o ejecute “fieldapp demo” para probar el programa con registros ficticios. (Carpeta del perfil: {0})</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Demo profile: every person, vehicle and seizure in it is made up. Sign in as officer &lt;b&gt;{0}&lt;/b&gt; with password &lt;b&gt;{1}&lt;/b&gt;.</source>
        <translation>Perfil de demostración: todas las personas, vehículos y aseguramientos son ficticios. Inicie sesión como agente &lt;b&gt;{0}&lt;/b&gt; con la contraseña &lt;b&gt;{1}&lt;/b&gt;.</translation>
    </message>
    <message>
        <location line="+81"/>
        <source>Type your officer id.</source>
        <translation>Escriba su identificador de agente.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Type your password.</source>
        <translation>Escriba su contraseña.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="+197"/>
        <source>Encounters</source>
        <extracomment>The pages of the navigation, in order (Ctrl+1 is the first). Why the window was left (the ``left`` signal&apos;s argument); REVOKED: HQ revoked the device. The window closed: QUIT (the program should end), SIGN_OUT, SHIFT_CLOSED or REVOKED. The box saying how &quot;Close shift and sync&quot; went (while it is shown).</extracomment>
        <translation>Encuentros</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seizures</source>
        <translation>Aseguramientos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Drafts</source>
        <translation>Borradores</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Review</source>
        <translation>Revisión</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sync</source>
        <translation>Sincronización</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Settings</source>
        <translation>Configuración</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Checkpoint field capture</source>
        <translation>Registro de campo en puntos de control</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>DEMO</source>
        <translation>DEMOSTRACIÓN</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>New encounter   Ctrl+N</source>
        <translation>Nuevo encuentro   Ctrl+N</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start a new encounter (Ctrl+N)</source>
        <translation>Iniciar un nuevo encuentro (Ctrl+N)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;New encounter</source>
        <translation>&amp;Nuevo encuentro</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Close tab</source>
        <translation>&amp;Cerrar pestaña</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Close shift…</source>
        <translation>&amp;Cerrar turno…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close shift and s&amp;ync…</source>
        <translation>Cerrar turno y s&amp;incronizar…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Sign out</source>
        <translation>Cerrar &amp;sesión</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Shift</source>
        <translation>&amp;Turno</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Go</source>
        <translation>&amp;Ir</translation>
    </message>
    <message>
        <location line="+75"/>
        <location line="+18"/>
        <source>Close shift</source>
        <translation>Cerrar turno</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>Close your shift at {0}?</source>
        <translation>¿Cerrar su turno en {0}?</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open forms are saved as drafts. The shift closes first; then what is not at HQ yet is sent. If HQ cannot be reached, the shift is closed all the same and everything waits safely on this device for the next sync.</source>
        <translation>Los formularios abiertos se guardan como borradores. Primero se cierra el turno; después se envía lo que aún no está en la central. Si no se puede contactar a la central, el turno se cierra de todos modos y todo queda a salvo en este equipo hasta la próxima sincronización.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Close shift and sync</source>
        <translation>Cerrar turno y sincronizar</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open forms are saved as drafts. Records and drafts stay on this device; what is not at HQ yet is sent at the next sync.</source>
        <translation>Los formularios abiertos se guardan como borradores. Los registros y los borradores se quedan en este equipo; lo que aún no está en la central se envía en la próxima sincronización.</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Shift closed. Syncing with HQ…</source>
        <translation>Turno cerrado. Sincronizando con la central…</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>the sync could not start; try Sync now on the Sync page.</source>
        <translation>la sincronización no pudo iniciar; use «Sincronizar ahora» en la página de Sincronización.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This device is not enrolled with HQ, so nothing was sent: {0} events wait safely on this device. Enroll it on the Sync page.</source>
        <translation>Este equipo no está dado de alta en la central, así que no se envió nada: {0} eventos esperan a salvo en este equipo. Dé de alta el equipo en la página de Sincronización.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>HQ has revoked this device, so nothing was sent.</source>
        <translation>La central revocó el acceso de este equipo, así que no se envió nada.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The sync failed: {0} Nothing is lost: {1} events wait safely on this device and are sent at the next sync.</source>
        <translation>La sincronización falló: {0} No se pierde nada: {1} eventos esperan a salvo en este equipo y se envían en la próxima sincronización.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Synced with HQ, but {0} events still wait for HQ (see the Sync page).</source>
        <translation>Sincronizado con la central, pero {0} eventos siguen en espera de la central (vea la página de Sincronización).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Synced with HQ: HQ has every event of this device.</source>
        <translation>Sincronizado con la central: la central tiene todos los eventos de este equipo.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Shift closed. Events waiting for HQ: {0}</source>
        <translation>Turno cerrado. Eventos en espera de la central: {0}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Shift closed</source>
        <translation>Turno cerrado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your shift at {0} is closed.</source>
        <translation>Su turno en {0} está cerrado.</translation>
    </message>
</context>
<context>
    <name>NarrativeSection</name>
    <message>
        <location filename="../../ui/forms/narrative.py" line="+35"/>
        <source>Narrative</source>
        <translation>Narrativa</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your account</source>
        <translation>Su relato</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>What happened, in order. It is locked when you finalize; later changes are dated addenda.</source>
        <translation>Lo que sucedió, en orden. Se bloquea al finalizar; los cambios posteriores son adendas con fecha.</translation>
    </message>
</context>
<context>
    <name>PackageCard</name>
    <message>
        <location filename="../../ui/forms/packages.py" line="+129"/>
        <source>Package %1</source>
        <translation>Embalaje %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Packaging</source>
        <translation>Tipo de embalaje</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Number of packages</source>
        <translation>Número de bultos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exhibits inside</source>
        <translation>Indicios contenidos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seal numbers</source>
        <translation>Números de sello</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sealed by</source>
        <translation>Sellado por</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sealing witnessed by</source>
        <translation>Testigo del sellado</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Bag</source>
        <translation>Bolsa</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Box</source>
        <translation>Caja</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Container</source>
        <translation>Contenedor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Envelope</source>
        <translation>Sobre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other</source>
        <translation>Otro</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose…</source>
        <translation>Elija…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Exhibit numbers, e.g. 1, 2</source>
        <translation>Números de indicio, p. ej., 1, 2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Separate several with commas</source>
        <translation>Separe varios con comas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose an officer</source>
        <translation>Elija un agente</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No witness</source>
        <translation>Sin testigo</translation>
    </message>
</context>
<context>
    <name>PackagesEditor</name>
    <message>
        <location line="+74"/>
        <source>Not in a package yet: exhibits %1.</source>
        <translation>Aún sin embalar: indicios %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No packages recorded. Add one for each sealed bag, box or envelope.</source>
        <translation>No hay embalajes registrados. Agregue uno por cada bolsa, caja o sobre sellado.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Add package</source>
        <translation>Agregar embalaje</translation>
    </message>
</context>
<context>
    <name>PartnerCard</name>
    <message>
        <location filename="../../ui/forms/stop.py" line="+64"/>
        <source>Partner agency %1</source>
        <translation>Dependencia participante %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Agency</source>
        <translation>Dependencia</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Primary agency</source>
        <translation>Dependencia principal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This agency leads the stop</source>
        <translation>Esta dependencia encabeza la intervención</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose an agency…</source>
        <translation>Elija una dependencia…</translation>
    </message>
</context>
<context>
    <name>PdfPreview</name>
    <message>
        <location filename="../../ui/receipts/pdf_view.py" line="+177"/>
        <source>This receipt cannot be shown.</source>
        <extracomment>Pages are never rasterized finer than this, whatever the printer claims. Image rows rendered at once when printing (a band of a page). Zoom factors offered by zoom in / zoom out (1.0 is the page at its real size). Fitting to the width never enlarges a page more than this (an 80 mm roll stays a roll). The documents shown last, by any preview: each stays alive until this many newer ones were shown, however soon its preview is closed (QtPdf&apos;s render thread may still use it). Whether the zoom follows the view&apos;s width (until the officer zooms).</extracomment>
        <translation>No se puede mostrar este recibo.</translation>
    </message>
    <message>
        <location line="+77"/>
        <source>Page {page} of {count}</source>
        <translation>Página {page} de {count}</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Zoom out (Ctrl+-)</source>
        <translation>Alejar (Ctrl+-)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Zoom in (Ctrl++)</source>
        <translation>Acercar (Ctrl++)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fit width</source>
        <translation>Ajustar al ancho</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pages as wide as the preview (Ctrl+0)</source>
        <translation>Páginas al ancho de la vista previa (Ctrl+0)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Receipt preview</source>
        <translation>Vista previa del recibo</translation>
    </message>
</context>
<context>
    <name>PeopleSection</name>
    <message>
        <location filename="../../ui/forms/people.py" line="+329"/>
        <source>People</source>
        <extracomment>The people changed (added, removed, renamed): list of (person_ref, label).</extracomment>
        <translation>Personas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add person</source>
        <translation>Agregar persona</translation>
    </message>
</context>
<context>
    <name>PersonCard</name>
    <message>
        <location line="-122"/>
        <source>Person %1</source>
        <translation>Persona %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Role</source>
        <translation>Rol</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Date of birth</source>
        <translation>Fecha de nacimiento</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Age range</source>
        <translation>Rango de edad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nationality</source>
        <translation>Nacionalidad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Identity document</source>
        <translation>Documento de identidad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Document type</source>
        <translation>Tipo de documento</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Document number</source>
        <translation>Número de documento</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Issued by</source>
        <translation>Expedido por</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Language spoken</source>
        <translation>Idioma que habla</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Interpreter</source>
        <translation>Intérprete</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Choose a role…</source>
        <translation>Elija un rol…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>YYYY-MM-DD</source>
        <translation>AAAA-MM-DD</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>country code, e.g. MX, US, GTM</source>
        <translation>código de país, p. ej., MX, US, GTM</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. es, en, mam</source>
        <translation>p. ej., es, en, mam</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. US, MX, US-CA</source>
        <translation>p. ej., US, MX, US-CA</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>An interpreter was used</source>
        <translation>Se usó intérprete</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not recorded</source>
        <translation>No registrado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>0 to 11</source>
        <translation>De 0 a 11</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>12 to 17</source>
        <translation>De 12 a 17</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>18 to 29</source>
        <translation>De 18 a 29</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>30 to 49</source>
        <translation>De 30 a 49</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>50 or older</source>
        <translation>50 o más</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+9"/>
        <source>Unknown</source>
        <translation>Desconocido</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>Refused</source>
        <translation>Se negó</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Shown</source>
        <translation>Lo mostró</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>None shown</source>
        <translation>No mostró ninguno</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refused to show</source>
        <translation>Se negó a mostrarlo</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Passport</source>
        <translation>Pasaporte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Passport card</source>
        <translation>Tarjeta pasaporte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Border crossing card</source>
        <translation>Tarjeta de cruce fronterizo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Permanent resident card</source>
        <translation>Tarjeta de residente permanente</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trusted traveler card</source>
        <translation>Tarjeta de viajero confiable</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Driver&apos;s licence</source>
        <translation>Licencia de conducir</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>INE voter card</source>
        <translation>Credencial para votar (INE)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Matrícula consular</source>
        <translation>Matrícula consular</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>DPI (Guatemala)</source>
        <translation>DPI (Guatemala)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>DNI (Honduras)</source>
        <translation>DNI (Honduras)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>DUI (El Salvador)</source>
        <translation>DUI (El Salvador)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other national identity card</source>
        <translation>Otra identificación nacional</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other document</source>
        <translation>Otro documento</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose the document type…</source>
        <translation>Elija el tipo de documento…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>role not chosen</source>
        <translation>rol sin elegir</translation>
    </message>
</context>
<context>
    <name>PersonRole</name>
    <message>
        <location line="+8"/>
        <source>driver</source>
        <translation>conductor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>passenger</source>
        <translation>pasajero</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>pedestrian</source>
        <translation>peatón</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>other</source>
        <translation>otro</translation>
    </message>
</context>
<context>
    <name>PhotoStrip</name>
    <message>
        <location filename="../../ui/forms/photos.py" line="+218"/>
        <source>no preview</source>
        <extracomment>Hashes were added to or removed from an item (maybe one no longer shown). Asks before taking a photo off the item; tests may replace it. Picks files to attach; tests may replace it.</extracomment>
        <translation>sin vista previa</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Attach photos</source>
        <translation>Adjuntar fotos</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Photos (*.jpg *.jpeg *.png *.heic *.heif *.webp);;All files (*)</source>
        <translation>Fotos (*.jpg *.jpeg *.png *.heic *.heif *.webp);;Todos los archivos (*)</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Storing the photo…</source>
        <translation>Guardando la foto…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Storing %1 photos…</source>
        <translation>Guardando %1 fotos…</translation>
    </message>
    <message>
        <location line="+27"/>
        <location line="+12"/>
        <source>Remove photo</source>
        <translation>Quitar foto</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>Take this photo off the item?</source>
        <translation>¿Quitar esta foto del objeto?</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Attach photos…</source>
        <translation>Adjuntar fotos…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Or drop photo files on the strip.</source>
        <translation>O arrastre archivos de fotos a la tira.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Drop photo files here</source>
        <translation>Suelte aquí los archivos de fotos</translation>
    </message>
</context>
<context>
    <name>Problem</name>
    <message>
        <location filename="../../ui/messages.py" line="+23"/>
        <source>Choose one of the options.</source>
        <translation>Elija una de las opciones.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Give a valid date and time.</source>
        <translation>Indique una fecha y hora válidas.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Give a valid date as YYYY-MM-DD.</source>
        <translation>Indique una fecha válida con el formato AAAA-MM-DD.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Write the addendum&apos;s text or make a correction.</source>
        <extracomment>code -&gt; (English sentence, Spanish sentence). The English ones are typed ``Any`` only because PySide&apos;s stubs say QT_TRANSLATE_NOOP returns ``object``; they are str.</extracomment>
        <translation>Escriba el texto de la adenda o haga una corrección.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A contact may be notified only with the detained person&apos;s consent.</source>
        <translation>Solo se puede avisar a un contacto con el consentimiento de la persona detenida.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Give both latitude and longitude, or neither.</source>
        <translation>Indique latitud y longitud, o ninguna de las dos.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The count&apos;s witness must not be the officer who counted.</source>
        <translation>El testigo del conteo no puede ser el agente que contó.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Count the currency by denomination, or say why the count was deferred.</source>
        <translation>Cuente el efectivo por denominación o indique por qué se aplazó el conteo.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Name the authority the person was handed to.</source>
        <translation>Indique la autoridad a la que se puso a disposición a la persona.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>An arrest or detention needs at least one detention entry.</source>
        <translation>Una detención o arresto requiere al menos un registro de detención.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A drug item needs its field test result (“not tested” if none was made).</source>
        <translation>Un objeto de droga requiere el resultado de la prueba de campo (“sin prueba” si no se hizo).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>A drug item needs its gross weight at seizure.</source>
        <translation>Un objeto de droga requiere su peso bruto al momento del aseguramiento.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The end time must not be before the start time.</source>
        <translation>La hora de término no puede ser anterior a la de inicio.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This exhibit number is already used by another item.</source>
        <translation>Este número de indicio ya lo usa otro objeto.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Name at least one exhibit.</source>
        <translation>Indique al menos un indicio.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This field cannot be corrected after finalizing.</source>
        <translation>Este campo no se puede corregir después de finalizar.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Name the field test kit used.</source>
        <translation>Indique el kit de prueba de campo utilizado.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Give the firearm&apos;s make, model, serial number and calibre, or say they are unknown.</source>
        <translation>Indique marca, modelo, número de serie y calibre del arma, o que se desconocen.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Every use of force needs a reason.</source>
        <translation>Todo uso de la fuerza requiere un motivo.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A handover needs the agency, the time and who received the person.</source>
        <translation>Una entrega requiere la dependencia, la hora y quién recibió a la persona.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>List at least one item.</source>
        <translation>Registre al menos un objeto.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Give a landmark, or both latitude and longitude.</source>
        <translation>Indique un punto de referencia, o latitud y longitud.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Say whether medical care was given.</source>
        <translation>Indique si se dio atención médica.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The narrative is locked after finalizing; add text to an addendum instead.</source>
        <translation>La narrativa queda bloqueada al finalizar; agregue el texto en una adenda.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Write the narrative: your account of the stop.</source>
        <translation>Escriba la narrativa: su relato de la intervención.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The person declined to sign: add your note about it.</source>
        <translation>La persona se negó a firmar: agregue su nota al respecto.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This package lists an exhibit number that is not an item.</source>
        <translation>Este embalaje menciona un número de indicio que no corresponde a ningún objeto.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>List at least one person.</source>
        <translation>Registre al menos una persona.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Two people have the same reference.</source>
        <translation>Dos personas tienen la misma referencia.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Choose one of the people in this encounter.</source>
        <translation>Elija a una de las personas de este encuentro.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Only one partner agency may be primary.</source>
        <translation>Solo una dependencia participante puede ser la principal.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Say what the purpose of the transfer is.</source>
        <translation>Indique la finalidad de la transferencia.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Give the quantity: a receipt with a blank quantity is refused.</source>
        <translation>Indique la cantidad: un recibo con la cantidad en blanco se rechaza.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Say paper or electronic when a receipt was given, and none when it was not.</source>
        <translation>Indique papel o electrónico si se entregó un recibo, y ninguno si no se entregó.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Name the agency that receives the property.</source>
        <translation>Indique la dependencia que recibe los bienes.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This flag needs the referral made: to whom and when.</source>
        <translation>Esta alerta requiere la canalización realizada: a quién y cuándo.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The officer who releases cannot also be the one who receives.</source>
        <translation>El agente que entrega no puede ser también quien recibe.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The seal was not intact: say why.</source>
        <translation>El sello no estaba intacto: indique por qué.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The sealing&apos;s witness must not be the officer who sealed.</source>
        <translation>El testigo del sellado no puede ser el agente que selló.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A sealed package of drugs or currency needs a witness to the sealing.</source>
        <translation>Un embalaje sellado con droga o efectivo requiere un testigo del sellado.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>A search without consent needs its legal basis.</source>
        <translation>Una revisión sin consentimiento requiere su fundamento legal.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A return cannot be both signed and marked as declined to sign.</source>
        <translation>Una devolución no puede estar firmada y marcada como “se negó a firmar”.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Add the person&apos;s signature, or mark that they declined to sign.</source>
        <translation>Agregue la firma de la persona, o indique que se negó a firmar.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Each signer signs once; this signature is already given.</source>
        <translation>Cada firmante firma una sola vez; esta firma ya se registró.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This must not be empty.</source>
        <translation>Este campo no puede quedar vacío.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Give the vehicle&apos;s details.</source>
        <translation>Indique los datos del vehículo.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The witness must not be the seizing officer.</source>
        <translation>El testigo no puede ser el agente que realizó el aseguramiento.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Drugs and currency need a witnessing officer.</source>
        <translation>La droga y el efectivo requieren un agente como testigo.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This is required.</source>
        <translation>Este dato es obligatorio.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Type text here.</source>
        <translation>Escriba texto aquí.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Choose yes or no.</source>
        <translation>Elija sí o no.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Give a number, e.g. 12.5.</source>
        <translation>Indique un número, p. ej., 12.5.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Give an exact number, e.g. 12.5.</source>
        <translation>Indique un número exacto, p. ej., 12.5.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Give a whole number.</source>
        <translation>Indique un número entero.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The time must include its time zone.</source>
        <translation>La hora debe incluir su zona horaria.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This field is not part of the record.</source>
        <translation>Este campo no forma parte del registro.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This number is too small.</source>
        <translation>Este número es demasiado pequeño.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This number is too large.</source>
        <translation>Este número es demasiado grande.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This is not in the expected format.</source>
        <translation>No tiene el formato esperado.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Fill in this part of the record.</source>
        <translation>Complete esta parte del registro.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This checkpoint is not in the reference data.</source>
        <translation>Este punto de control no está en los datos de referencia.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This legal power is not in the reference data.</source>
        <translation>Este fundamento legal no está en los datos de referencia.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This officer is not in the reference data.</source>
        <translation>Este agente no está en los datos de referencia.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This unit is not in the reference data.</source>
        <translation>Esta unidad no está en los datos de referencia.</translation>
    </message>
</context>
<context>
    <name>PropertyReturnDialog</name>
    <message>
        <location filename="../../ui/records/returns.py" line="+252"/>
        <source>Received &amp;by</source>
        <extracomment>The dialog&apos;s size when the screen has room: two columns, nothing to scroll.</extracomment>
        <translation>Recibido &amp;por</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Returned &amp;to</source>
        <translation>Devuelto &amp;a</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>This seizure is not a detained person&apos;s own property; record its hand-over with Transfer custody.</source>
        <translation>Este aseguramiento no corresponde a bienes propios de una persona detenida; registre su entrega con “Transferir custodia”.</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Sign in to record a return.</source>
        <translation>Inicie sesión para registrar una devolución.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Property return recorded.</source>
        <translation>Devolución de bienes registrada.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Discard the return?</source>
        <translation>¿Descartar la devolución?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The signature and what you typed for this return will not be kept.</source>
        <translation>La firma y lo que escribió para esta devolución no se conservarán.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Return property</source>
        <translation>Devolver bienes</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Seizure</source>
        <translation>Aseguramiento</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Items</source>
        <translation>&amp;Objetos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Outcome</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Receiving &amp;agency</source>
        <translation>Dependencia que &amp;recibe</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;When</source>
        <translation>&amp;Fecha y hora</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Nothing is left to return: every item of this seizure has been returned or handed to another agency.</source>
        <translation>No queda nada por devolver: todos los objetos de este aseguramiento ya se devolvieron o se entregaron a otra dependencia.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Returned to the &amp;person</source>
        <translation>&amp;Devuelto a la persona</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Handed to the &amp;next agency</source>
        <translation>Entregado a la &amp;siguiente dependencia</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Agency the property goes to</source>
        <translation>Dependencia que recibe los bienes</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Name of whoever takes the property</source>
        <translation>Nombre de quien recibe los bienes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record return</source>
        <translation>Registrar devolución</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record the return (Ctrl+Enter)</source>
        <translation>Registrar la devolución (Ctrl+Enter)</translation>
    </message>
</context>
<context>
    <name>ProtectionSection</name>
    <message>
        <location filename="../../ui/forms/protection.py" line="+41"/>
        <source>Protection</source>
        <translation>Protección</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add protection flag</source>
        <translation>Agregar alerta de protección</translation>
    </message>
</context>
<context>
    <name>ReceiptDialog</name>
    <message>
        <location filename="../../ui/receipts/dialog.py" line="+220"/>
        <source>Preparing the preview…</source>
        <extracomment>Makes the core&apos;s receipt service on the writer thread (tests may replace it). A receipt was issued (the ``IssuedReceipt``), before it is printed or saved. A print or save ended: &quot;printed&quot;, &quot;saved&quot; or &quot;failed&quot; (a sentence is shown). Seams: the core&apos;s receipts, the printer and the file (tests replace them). The receipt issued last in this dialog (what is shown, and saved again).</extracomment>
        <translation>Preparando la vista previa…</translation>
    </message>
    <message>
        <location line="+105"/>
        <source>The person signs the receipt, or you mark that they declined and say why, before it is issued.</source>
        <translation>Antes de emitir el recibo, la persona debe firmarlo, o usted debe marcar que se negó a firmar e indicar por qué.</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>Issuing the receipt…</source>
        <translation>Emitiendo el recibo…</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Check the signatures: see beside each box.</source>
        <translation>Revise las firmas: vea las indicaciones junto a cada recuadro.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Printing…</source>
        <translation>Imprimiendo…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Receipt {number} printed ({which}), 1 page.</source>
        <translation>Recibo {number} impreso ({which}), 1 página.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Receipt {number} printed ({which}), {pages} pages.</source>
        <translation>Recibo {number} impreso ({which}), {pages} páginas.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>One paper was printed: every further one is a reprint (copy).</source>
        <translation>Se imprimió un ejemplar: cualquier otro será una reimpresión (copia).</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Receipt {number} is recorded as issued but did not print. Check the printer and print again (a copy), or save it as PDF.</source>
        <translation>El recibo {number} consta como emitido, pero no se imprimió. Revise la impresora e imprímalo de nuevo (será una copia), o guárdelo como PDF.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Saving…</source>
        <translation>Guardando…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Receipt {number} ({which}) saved to {path}.</source>
        <translation>Recibo {number} ({which}) guardado en {path}.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Receipt {number} could not be saved in {folder} ({reason}); it is recorded as issued. Save it in another folder.</source>
        <translation>No se pudo guardar el recibo {number} en {folder} ({reason}); consta como emitido. Guárdelo en otra carpeta.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Auditors read receipts but do not issue them.</source>
        <translation>Los auditores consultan los recibos, pero no los emiten.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Print the receipt</source>
        <translation>Imprimir el recibo</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>80 mm roll</source>
        <translation>Rollo de 80 mm</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Save the receipt as PDF</source>
        <translation>Guardar el recibo como PDF</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PDF files (*.pdf)</source>
        <translation>Archivos PDF (*.pdf)</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>copy {n}</source>
        <translation>copia {n}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>original</source>
        <translation>original</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This encounter has no seizure, so it has no receipt.</source>
        <translation>Este encuentro no tiene aseguramientos, por lo que no tiene recibo.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This encounter has {count} seizures: open the receipt from each seizure.</source>
        <translation>Este encuentro tiene {count} aseguramientos: abra el recibo desde cada aseguramiento.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Receipts are printed for seizures and custody transfers.</source>
        <translation>Los recibos se imprimen para aseguramientos y transferencias de custodia.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This record cannot be found on this device.</source>
        <translation>Este registro no se encuentra en este equipo.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Receipt — {number}</source>
        <translation>Recibo — {number}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The signatures given at the hand-over are printed on it; any other is signed on the paper.</source>
        <translation>Se imprimen las firmas recabadas en la entrega; cualquier otra se firma en el papel.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A copy carries the signatures given on the original.</source>
        <translation>Una copia lleva las firmas recabadas para el original.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Receipt</source>
        <translation>Recibo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Print…</source>
        <translation>&amp;Imprimir…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Issue the receipt and print it (Ctrl+P)</source>
        <translation>Emitir el recibo e imprimirlo (Ctrl+P)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Save as PDF…</source>
        <translation>&amp;Guardar como PDF…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Issue the receipt and save it as a PDF file (Ctrl+S)</source>
        <translation>Emitir el recibo y guardarlo como archivo PDF (Ctrl+S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close (Esc)</source>
        <translation>Cerrar (Esc)</translation>
    </message>
</context>
<context>
    <name>ReceiptFacts</name>
    <message>
        <location filename="../../ui/receipts/facts.py" line="+99"/>
        <source>Hand-over {sequence} of seizure {number}</source>
        <translation>Entrega {sequence} del aseguramiento {number}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hand-over of seizure {number}</source>
        <translation>Entrega del aseguramiento {number}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Reading…</source>
        <translation>Leyendo…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Not issued yet</source>
        <translation>Aún sin emitir</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Original</source>
        <translation>Original</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reprint — this will be copy {n}</source>
        <translation>Reimpresión — será la copia {n}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Custody transfer receipt</source>
        <translation>Recibo de transferencia de custodia</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Transfer</source>
        <translation>Transferencia</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Custody receipt</source>
        <translation>Recibo de custodia</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seizure</source>
        <translation>Aseguramiento</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Receipt</source>
        <translation>Recibo</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Next print</source>
        <translation>Próxima impresión</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>P&amp;aper</source>
        <translation>&amp;Papel</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Letter</source>
        <translation>Carta</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A4</source>
        <translation>A4</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>80 mm roll</source>
        <translation>Rollo de 80 mm</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Remembered for the next receipt</source>
        <translation>Se conserva para el próximo recibo</translation>
    </message>
</context>
<context>
    <name>ReceiptOffer</name>
    <message>
        <location filename="../../ui/receipts/offer.py" line="+63"/>
        <source>Custody receipt</source>
        <translation>Recibo de custodia</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print the receipt now?</source>
        <translation>¿Imprimir el recibo ahora?</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Seizure {number} is finalized. Its custody receipt is printed and handed to the person the property was taken from.</source>
        <translation>El aseguramiento {number} está finalizado. Su recibo de custodia se imprime y se entrega a la persona a quien se le aseguraron los bienes.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Seizures {numbers} are finalized. Their receipts open one after the other.</source>
        <translation>Los aseguramientos {numbers} están finalizados. Sus recibos se abren uno tras otro.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Later, print it from the seizure&apos;s record.</source>
        <translation>Para imprimirlo más tarde, hágalo desde el registro del aseguramiento.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Print receipt…</source>
        <translation>&amp;Imprimir recibo…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Later</source>
        <translation>&amp;Más tarde</translation>
    </message>
</context>
<context>
    <name>ReceiverBox</name>
    <message>
        <location filename="../../ui/records/receiver.py" line="+169"/>
        <source>An &amp;officer in the list</source>
        <extracomment>Who receives changed (another officer chosen, a name typed).</extracomment>
        <translation>Un &amp;agente de la lista</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Someone &amp;else (another agency)</source>
        <translation>Alguien &amp;más (otra dependencia)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose the receiving officer</source>
        <translation>Elija al agente que recibe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Agency</source>
        <translation>Dependencia</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>ID number (if shown)</source>
        <translation>N.º de ID (si lo mostró)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Country of the receiving agency</source>
        <translation>País de la dependencia que recibe</translation>
    </message>
</context>
<context>
    <name>RecordHtml</name>
    <message>
        <location filename="../../ui/records/sections.py" line="+98"/>
        <source>yes</source>
        <extracomment>A signature given, and one declined, at a glance.</extracomment>
        <translation>sí</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>(finalized as {old})</source>
        <translation>(finalizado como {old})</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>(ID {number})</source>
        <translation>(identificación {number})</translation>
    </message>
    <message>
        <location line="+67"/>
        <location line="+22"/>
        <source>Seizure</source>
        <translation>Aseguramiento</translation>
    </message>
    <message>
        <location line="-22"/>
        <location line="+22"/>
        <source>Open the seizure</source>
        <translation>Abrir el aseguramiento</translation>
    </message>
    <message>
        <location line="-21"/>
        <source>Sequence</source>
        <translation>Secuencia</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+21"/>
        <source>Exhibits</source>
        <translation>Indicios</translation>
    </message>
    <message>
        <location line="-20"/>
        <location line="+21"/>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <location line="-81"/>
        <location line="+61"/>
        <source>Released by</source>
        <translation>Entregado por</translation>
    </message>
    <message>
        <location line="-61"/>
        <location line="+62"/>
        <source>Received by</source>
        <translation>Recibido por</translation>
    </message>
    <message>
        <location line="-52"/>
        <location line="+14"/>
        <source>not signed</source>
        <translation>no firmó</translation>
    </message>
    <message>
        <location line="-12"/>
        <location line="+9"/>
        <source>declined to sign</source>
        <translation>se negó a firmar</translation>
    </message>
    <message>
        <location line="-6"/>
        <location line="+8"/>
        <source>signed</source>
        <translation>firmó</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Purpose</source>
        <translation>Finalidad</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Purpose, in detail</source>
        <translation>Finalidad, en detalle</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Route or transport</source>
        <translation>Ruta o transporte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seal intact</source>
        <translation>Sello intacto</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Condition</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signatures</source>
        <translation>Firmas</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Custody transfer</source>
        <translation>Transferencia de custodia</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Returned to</source>
        <translation>Devuelto a</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Officer</source>
        <translation>Agente</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Outcome</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Receiving agency</source>
        <translation>Dependencia que recibe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signature</source>
        <translation>Firma</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Officer&apos;s note</source>
        <translation>Nota del agente</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Property return</source>
        <translation>Devolución de bienes</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Seizures of this encounter</source>
        <translation>Aseguramientos de este encuentro</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Custody records of this seizure</source>
        <translation>Registros de custodia de este aseguramiento</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Record</source>
        <translation>Registro</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>What</source>
        <translation>Qué</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+24"/>
        <source>Addenda</source>
        <translation>Adendas</translation>
    </message>
    <message>
        <location line="-24"/>
        <source>No addenda.</source>
        <translation>Sin adendas.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Addendum {number} — {when} — {author}</source>
        <translation>Adenda {number} — {when} — {author}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Text</source>
        <translation>Texto</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Corrections</source>
        <translation>Correcciones</translation>
    </message>
</context>
<context>
    <name>RecordView</name>
    <message>
        <location filename="../../ui/records/view.py" line="+204"/>
        <source>The record cannot be read right now; try again in a moment.</source>
        <extracomment>Records that have a receipt of their own.</extracomment>
        <translation>No se puede leer el registro ahora; intente de nuevo en un momento.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Viewed by: %1</source>
        <translation>Consultado por: %1</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Record not available</source>
        <translation>Registro no disponible</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Only the officer who wrote this record, or a supervisor of its checkpoint, can add an addendum.</source>
        <translation>Solo el agente que redactó este registro, o un supervisor de su punto de control, puede agregar una adenda.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;View receipt…</source>
        <translation>&amp;Ver recibo…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Auditors read receipts but do not issue them.</source>
        <translation>Los auditores consultan los recibos, pero no los emiten.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Reprint receipt…</source>
        <translation>&amp;Reimprimir recibo…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Print the receipt again; the paper is marked as a copy</source>
        <translation>Imprimir el recibo de nuevo; el papel se marca como copia</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Print receipt…</source>
        <translation>&amp;Imprimir recibo…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Preview the custody receipt, take the signatures and print it</source>
        <translation>Ver la vista previa del recibo de custodia, recabar las firmas e imprimirlo</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>{count} change(s) waiting for HQ</source>
        <translation>{count} cambio(s) en espera de la central</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>At HQ</source>
        <translation>En la central</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>shown</source>
        <translation>vigente</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Needs review: changes were made to this record without seeing each other. All are kept; a supervisor decides which one stands.</source>
        <translation>Requiere revisión: se hicieron cambios a este registro sin que uno viera el otro. Se conservan todos; un supervisor decide cuál prevalece.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>✓ at HQ</source>
        <translation>✓ en la central</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>● waiting</source>
        <translation>● en espera</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{hash}
Ctrl+C copies it</source>
        <translation>{hash}
Ctrl+C lo copia</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Received at HQ: {when}</source>
        <translation>Recibido en la central: {when}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>HQ has this event</source>
        <translation>La central tiene este evento</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Not yet synced to HQ</source>
        <translation>Aún no sincronizado con la central</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Hash copied.</source>
        <translation>Hash copiado.</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>&amp;Add addendum…</source>
        <translation>&amp;Agregar adenda…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Transfer custody…</source>
        <translation>&amp;Transferir custodia…</translation>
    </message>
    <message>
        <location line="-187"/>
        <source>Auditors read records but do not change them.</source>
        <translation>Los auditores leen los registros, pero no los modifican.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Add a dated addendum; the record as finalized is kept</source>
        <translation>Agregar una adenda con fecha; el registro finalizado se conserva</translation>
    </message>
    <message>
        <location line="+181"/>
        <source>Record a hand-over of items of this seizure</source>
        <translation>Registrar la entrega de objetos de este aseguramiento</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>R&amp;eturn property…</source>
        <translation>&amp;Devolver bienes…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Record the person&apos;s property given back, or handed to the next agency</source>
        <translation>Registrar los bienes devueltos a la persona o entregados a la siguiente dependencia</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>History</source>
        <translation>Historial</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Event</source>
        <translation>Evento</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Author</source>
        <translation>Autor</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Hash</source>
        <translation>Hash</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>HQ</source>
        <translation>Central</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy full hash</source>
        <translation>Copiar hash completo</translation>
    </message>
</context>
<context>
    <name>RecordsPage</name>
    <message>
        <location filename="../../ui/records/page.py" line="+237"/>
        <source>The newest {count} matches; type more to narrow</source>
        <extracomment>Quiet time after the last keystroke before the search runs. Bursts of record changes (a sync, a finalize with children) make one refresh.</extracomment>
        <translation>Las {count} coincidencias más recientes; escriba más para acotar</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>1 record</source>
        <translation>1 registro</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{count} records</source>
        <translation>{count} registros</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Search names, plates, items, narrative…  (Ctrl+F)</source>
        <translation>Buscar nombres, placas, objetos, narrativa…  (Ctrl+F)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Type two letters or more; Enter or Down goes to the list, Escape clears</source>
        <translation>Escriba dos letras o más; Enter o Abajo va a la lista, Esc borra</translation>
    </message>
</context>
<context>
    <name>RecordsTableModel</name>
    <message>
        <location filename="../../ui/records/model.py" line="+319"/>
        <source>{local} at the checkpoint ({utc} UTC)</source>
        <translation>{local} en el punto de control ({utc} UTC)</translation>
    </message>
    <message>
        <location line="-54"/>
        <source>1 item: {kinds}</source>
        <extracomment>Rows read from the database at once around the one the view asks for. Past this many cached rows the cache starts afresh (a long scroll through 100,000). The core&apos;s sort key of each sortable column. A new list of records is in place (after a filter, a sort or a refresh). True while a query for the list is running. A query failed for a reason the world caused; the sentence to show.</extracomment>
        <translation>1 objeto: {kinds}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{count} items: {kinds}</source>
        <translation>{count} objetos: {kinds}</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>Needs review: concurrent changes wait for a supervisor.</source>
        <translation>Requiere revisión: hay cambios simultáneos en espera de un supervisor.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Waiting for HQ: not yet synced.</source>
        <translation>En espera de la central: aún sin sincronizar.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>At HQ.</source>
        <translation>En la central.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>{review} needs review · {waiting} waiting for HQ</source>
        <translation>{review} por revisar · {waiting} en espera de la central</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>When</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reference</source>
        <translation>Folio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Checkpoint</source>
        <translation>Punto de control</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Category</source>
        <translation>Categoría</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Summary</source>
        <translation>Resumen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Addenda</source>
        <translation>Adendas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Flags</source>
        <translation>Alertas</translation>
    </message>
</context>
<context>
    <name>RecoveryDialog</name>
    <message>
        <location filename="../../ui/drafts/recovery.py" line="+85"/>
        <source>saved %1</source>
        <extracomment>Ids of the drafts to reopen, set when the dialog closes.</extracomment>
        <translation>guardado %1</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Unfinished drafts</source>
        <translation>Borradores sin terminar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>You have unfinished drafts</source>
        <translation>Tiene borradores sin terminar</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>They were saved on this device as you typed and are complete up to the last save. Checked drafts are reopened now (Space checks or unchecks); the others stay on the Drafts page.</source>
        <translation>Se guardaron en este equipo mientras escribía y están completos hasta el último guardado. Los borradores marcados se abren ahora (la barra espaciadora marca o desmarca); los demás se quedan en la página Borradores.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Reopen checked (Enter)</source>
        <translation>Abrir los marcados (Enter)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Later (Esc)</source>
        <translation>Más tarde (Esc)</translation>
    </message>
</context>
<context>
    <name>RestraintCard</name>
    <message>
        <location filename="../../ui/forms/actions.py" line="+40"/>
        <source>Restraint %1</source>
        <translation>Sujeción %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Person</source>
        <translation>Persona</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restraint</source>
        <translation>Medio de sujeción</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. handcuffs, double-locked</source>
        <translation>p. ej., esposas con doble seguro</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose the person…</source>
        <translation>Elija a la persona…</translation>
    </message>
</context>
<context>
    <name>ResultSection</name>
    <message>
        <location filename="../../ui/forms/result.py" line="+67"/>
        <source>Ask the agency named on this record for a copy, quoting its reference number.</source>
        <extracomment>The result changed: its code, or &quot;&quot; when none is chosen.</extracomment>
        <translation>Solicite una copia a la dependencia indicada en este registro, citando su folio.</translation>
    </message>
    <message>
        <location line="+106"/>
        <location line="+2"/>
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Handover</source>
        <translation>Entrega</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Handed over to</source>
        <translation>Entregado a</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Handed over at</source>
        <translation>Entregado el</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Received by (name)</source>
        <translation>Recibido por (nombre)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Received by (id)</source>
        <translation>Recibido por (identificación)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Detentions</source>
        <translation>Detenciones</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Body-camera clips</source>
        <translation>Videos de cámara corporal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Receipt</source>
        <translation>Recibo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Given on</source>
        <translation>Medio de entrega</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How to obtain the record</source>
        <translation>Cómo obtener el registro</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Add detention</source>
        <translation>Agregar detención</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>clip ids, separated by commas</source>
        <translation>identificadores de video, separados por comas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A receipt or copy of the record was given</source>
        <translation>Se entregó un recibo o copia del registro</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Also handed over to another agency</source>
        <translation>También se entregó a otra dependencia</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No action</source>
        <translation>Sin acción</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Warning</source>
        <translation>Advertencia</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Citation</source>
        <translation>Infracción</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Arrest / detention</source>
        <translation>Detención / arresto</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Release</source>
        <translation>Liberación</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Handover to another agency</source>
        <translation>Entrega a otra dependencia</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose the result…</source>
        <translation>Elija el resultado…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Paper</source>
        <translation>Papel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Electronic</source>
        <translation>Electrónico</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>None</source>
        <translation>Ninguno</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Choose the agency…</source>
        <translation>Elija la dependencia…</translation>
    </message>
</context>
<context>
    <name>RevokedWindow</name>
    <message>
        <location filename="../../ui/revoked.py" line="+69"/>
        <source>HQ revoked this device on {0}.</source>
        <translation>La central revocó el acceso de este equipo el {0}.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>HQ&apos;s reason: {0}</source>
        <translation>Motivo de la central: {0}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>1 record HQ holds was removed from this laptop at HQ&apos;s request.</source>
        <translation>A petición de la central se eliminó de esta computadora 1 registro que la central ya tiene.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{0} records HQ holds were removed from this laptop at HQ&apos;s request.</source>
        <translation>A petición de la central se eliminaron de esta computadora {0} registros que la central ya tiene.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>HQ asked for a wipe, but it held no record of this laptop wholly: none was removed.</source>
        <translation>La central pidió un borrado, pero no tenía completo ningún registro de esta computadora: no se eliminó ninguno.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>1 record HQ has not received wholly is kept on this laptop, encrypted: hand the laptop to your supervisor so HQ can recover it.</source>
        <translation>Se conserva en esta computadora, cifrado, 1 registro que la central no ha recibido completo: entregue la computadora a su supervisor para que la central pueda recuperarlo.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{0} records HQ has not received wholly are kept on this laptop, encrypted: hand the laptop to your supervisor so HQ can recover them.</source>
        <translation>Se conservan en esta computadora, cifrados, {0} registros que la central no ha recibido completos: entregue la computadora a su supervisor para que la central pueda recuperarlos.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No record was left that HQ does not have.</source>
        <translation>No quedó ningún registro que la central no tenga.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>HQ has the signed report of the wipe (received {0}).</source>
        <translation>La central tiene el informe firmado del borrado (recibido el {0}).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>HQ does not have the signed report of the wipe yet; it is sent again automatically.</source>
        <translation>La central aún no tiene el informe firmado del borrado; se vuelve a enviar automáticamente.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>HQ did not ask for a wipe: every record is kept on this laptop, encrypted. Hand the laptop to your supervisor.</source>
        <translation>La central no pidió borrar nada: todos los registros se conservan en esta computadora, cifrados. Entregue la computadora a su supervisor.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>HQ asked to remove the records it holds; that is not done yet and is tried again automatically. Until then every record is kept, encrypted.</source>
        <translation>La central pidió eliminar los registros que ya tiene; todavía no se ha hecho y se vuelve a intentar automáticamente. Mientras tanto, todos los registros se conservan cifrados.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>What happens to the records on this laptop is not known yet: HQ has to be asked. Until then every record is kept, encrypted.</source>
        <translation>Aún no se sabe qué pasará con los registros de esta computadora: hay que consultar a la central. Mientras tanto, todos los registros se conservan cifrados.</translation>
    </message>
    <message>
        <location line="+131"/>
        <source>Checkpoint field capture</source>
        <extracomment>The officer asked to quit (the button, or closing the window). The sentence about the last try this window saw end (None: none yet).</extracomment>
        <translation>Registro de campo en puntos de control</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This device is locked</source>
        <translation>Este dispositivo está bloqueado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Drafts are kept on this laptop: nothing you typed was lost.</source>
        <translation>Los borradores se conservan en esta computadora: no se perdió nada de lo que escribió.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Try again now</source>
        <translation>&amp;Reintentar ahora</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ask HQ now what is left to settle (it is also tried every 2 minutes).</source>
        <translation>Consultar ahora a la central lo que falta por resolver (también se intenta cada 2 minutos).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>HQ revoked this device.</source>
        <translation>La central revocó el acceso de este equipo.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Asking HQ…</source>
        <translation>Consultando a la central…</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Not settled with HQ yet: {0} It is tried again automatically.</source>
        <translation>Aún no se resolvió con la central: {0} Se vuelve a intentar automáticamente.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The try failed: {0} It is tried again automatically.</source>
        <translation>El intento falló: {0} Se vuelve a intentar automáticamente.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>HQ answered at {0}.</source>
        <translation>La central respondió a las {0}.</translation>
    </message>
</context>
<context>
    <name>SaveIndicator</name>
    <message>
        <location filename="../../ui/forms/autosave.py" line="+35"/>
        <source>Saving…</source>
        <translation>Guardando…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not saved yet</source>
        <translation>Aún sin guardar</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Saved %1</source>
        <translation>Guardado %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing typed yet</source>
        <translation>Nada escrito aún</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Draft saved on this device</source>
        <translation>Borrador guardado en este equipo</translation>
    </message>
</context>
<context>
    <name>SearchCard</name>
    <message>
        <location filename="../../ui/forms/actions.py" line="-117"/>
        <source>Search %1</source>
        <translation>Revisión %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Searched</source>
        <translation>Revisión de</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Consent</source>
        <translation>Consentimiento</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Basis</source>
        <translation>Fundamento</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The person consented to the search</source>
        <translation>La persona dio su consentimiento para la revisión</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>required when there was no consent</source>
        <translation>obligatorio si no hubo consentimiento</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>what was found, or nothing found</source>
        <translation>qué se encontró, o que no se encontró nada</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The vehicle</source>
        <translation>El vehículo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose what was searched…</source>
        <translation>Elija qué se revisó…</translation>
    </message>
</context>
<context>
    <name>SeizedFromFields</name>
    <message>
        <location filename="../../ui/forms/seizure_parts.py" line="-106"/>
        <source>Seized from</source>
        <translation>Asegurado a</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mailing address</source>
        <translation>Domicilio postal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contact for return</source>
        <translation>Contacto para devolución</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Owner, if someone else</source>
        <translation>Propietario, si es otro</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Never guess a name: choose Refused instead.</source>
        <translation>Nunca adivine un nombre: elija “Se negó”.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone or e-mail to arrange the return.</source>
        <translation>Teléfono o correo electrónico para acordar la devolución.</translation>
    </message>
</context>
<context>
    <name>SeizureBasics</name>
    <message>
        <location line="+182"/>
        <location line="+69"/>
        <source>Choose the legal power…</source>
        <extracomment>The witness changed (counts and seals default to the same officer).</extracomment>
        <translation>Elija el fundamento legal…</translation>
    </message>
    <message>
        <location line="-26"/>
        <source>Seized at</source>
        <translation>Asegurado el</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How custody started</source>
        <translation>Inicio de la custodia</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Legal power</source>
        <translation>Fundamento legal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Found where</source>
        <translation>Dónde se encontró</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Witness</source>
        <translation>Testigo</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Detained person&apos;s own property</source>
        <translation>Bienes propios de la persona detenida</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. rear quarter panel, driver side</source>
        <translation>p. ej., costado trasero, lado del conductor</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Found</source>
        <translation>Hallazgo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Discovered in a search</source>
        <translation>Localizado en una revisión</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Handed over</source>
        <translation>Entregado</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+9"/>
        <source>Choose…</source>
        <translation>Elija…</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Evidence</source>
        <translation>Evidencia</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Forfeiture</source>
        <translation>Decomiso</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Safekeeping</source>
        <translation>Resguardo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Detained for examination</source>
        <translation>Retenido para examen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No witness</source>
        <translation>Sin testigo</translation>
    </message>
</context>
<context>
    <name>SeizureEditor</name>
    <message>
        <location filename="../../ui/forms/seizure_editor.py" line="+332"/>
        <source>Seizure %1</source>
        <extracomment>Something was typed or chosen. The draft was saved (its id). The officer asked to remove this seizure (the section asks and discards).</extracomment>
        <translation>Aseguramiento %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>no items yet</source>
        <translation>sin objetos aún</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>1 item</source>
        <translation>1 objeto</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 items</source>
        <translation>%1 objetos</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Remove seizure…</source>
        <translation>Quitar aseguramiento…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show or hide this seizure</source>
        <translation>Mostrar u ocultar este aseguramiento</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seized from</source>
        <translation>Asegurado a</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Items</source>
        <translation>Objetos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Packaging and seals</source>
        <translation>Embalaje y sellos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approvals</source>
        <translation>Aprobaciones</translation>
    </message>
</context>
<context>
    <name>SeizureFields</name>
    <message>
        <location filename="../../ui/forms/seizure_fields.py" line="+53"/>
        <source>“%1” is not a number; type digits with a point for decimals, e.g. 12.5.</source>
        <translation>“%1” no es un número; escriba dígitos con punto decimal, p. ej., 12.5.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>“%1” is not a whole number of notes or coins.</source>
        <translation>“%1” no es un número entero de billetes o monedas.</translation>
    </message>
</context>
<context>
    <name>SeizureHost</name>
    <message>
        <location filename="../../ui/forms/seizure_host.py" line="+146"/>
        <source>Seizures</source>
        <extracomment>Makes the seizure editor: ``SeizureSection(ctx, encounter_draft_id, parent)``. Calls back with the encounter draft&apos;s id once it exists (saving first if needed).</extracomment>
        <translation>Aseguramientos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add seizure</source>
        <translation>Agregar aseguramiento</translation>
    </message>
</context>
<context>
    <name>SeizureHtml</name>
    <message>
        <location filename="../../ui/records/seizure_html.py" line="+39"/>
        <source>Seizure number</source>
        <translation>Número de aseguramiento</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Encounter</source>
        <translation>Encuentro</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the encounter</source>
        <translation>Abrir el encuentro</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Seized</source>
        <translation>Asegurado</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Checkpoint</source>
        <translation>Punto de control</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Where found</source>
        <translation>Lugar del hallazgo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Custody started</source>
        <translation>Inicio de la custodia</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seized from</source>
        <translation>Asegurado a</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Address for return</source>
        <translation>Domicilio para la devolución</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contact</source>
        <translation>Contacto</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Owner, if different</source>
        <translation>Propietario, si es otro</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Legal power</source>
        <translation>Fundamento legal</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Seizing officer</source>
        <translation>Agente que aseguró</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+157"/>
        <source>Witness</source>
        <translation>Testigo</translation>
    </message>
    <message>
        <location line="-155"/>
        <source>Detained person&apos;s property</source>
        <translation>Bienes de la persona detenida</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Seizure</source>
        <translation>Aseguramiento</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>make</source>
        <translation>marca</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>model</source>
        <translation>modelo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>serial number</source>
        <translation>número de serie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>calibre</source>
        <translation>calibre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>VIN</source>
        <translation>NIV</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>plate</source>
        <translation>placa</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>{count} photo(s)</source>
        <translation>{count} foto(s)</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Exhibit</source>
        <translation>Indicio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Category</source>
        <translation>Categoría</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Description</source>
        <translation>Descripción</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quantity</source>
        <translation>Cantidad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gross weight</source>
        <translation>Peso bruto</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Condition</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Field test</source>
        <translation>Prueba de campo</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No items.</source>
        <translation>Sin objetos.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Items</source>
        <translation>Objetos</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Exhibit {number}</source>
        <translation>Indicio {number}</translation>
    </message>
    <message>
        <location line="+16"/>
        <location line="+29"/>
        <source>Currency</source>
        <translation>Moneda</translation>
    </message>
    <message>
        <location line="-28"/>
        <source>Denomination</source>
        <translation>Denominación</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+49"/>
        <source>Count</source>
        <translation>Cantidad</translation>
    </message>
    <message>
        <location line="-48"/>
        <source>Amount</source>
        <translation>Importe</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Counted by</source>
        <translation>Contado por</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Witnessed by</source>
        <translation>Testigo</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Count deferred: {reason}</source>
        <translation>Conteo aplazado: {reason}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Package</source>
        <translation>Embalaje</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Seals</source>
        <translation>Sellos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sealed by</source>
        <translation>Sellado por</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Exhibits</source>
        <translation>Indicios</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Packaging and seals</source>
        <translation>Embalaje y sellos</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Level</source>
        <translation>Nivel</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Approved by</source>
        <translation>Aprobado por</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approvals</source>
        <translation>Aprobaciones</translation>
    </message>
</context>
<context>
    <name>SeizureSection</name>
    <message>
        <location filename="../../ui/forms/seizure.py" line="+118"/>
        <source>Remove seizure</source>
        <extracomment>A seizure was added, removed or edited. Asks before discarding a seizure; tests may replace it.</extracomment>
        <translation>Quitar aseguramiento</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove seizure %1 and all its items? Its draft is thrown away.</source>
        <translation>¿Quitar el aseguramiento %1 y todos sus objetos? Su borrador se descarta.</translation>
    </message>
    <message>
        <location line="+81"/>
        <source>Add seizure</source>
        <translation>Agregar aseguramiento</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Loading seizures…</source>
        <translation>Cargando aseguramientos…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No property seized. Add a seizure if property was taken.</source>
        <translation>Sin bienes asegurados. Agregue un aseguramiento si se aseguraron bienes.</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../ui/settings_page.py" line="+88"/>
        <source>Settings</source>
        <extracomment>Each language is offered under its own name, whatever the current language.</extracomment>
        <translation>Configuración</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Language</source>
        <translation>&amp;Idioma</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Changes every screen at once.</source>
        <translation>Cambia todas las pantallas al instante.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lock after &amp;idle</source>
        <translation>&amp;Bloquear tras inactividad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Without keyboard or mouse for this long, the program locks; drafts are kept.</source>
        <translation>Si no se usa el teclado ni el ratón durante este tiempo, el programa se bloquea; los borradores se conservan.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Profile folder</source>
        <translation>Carpeta del perfil</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Device id</source>
        <translation>Identificador del equipo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Device code</source>
        <translation>Código del equipo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Program version</source>
        <translation>Versión del programa</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>{0} is not available in this build; the program stays in English.</source>
        <translation>{0} no está disponible en esta versión; el programa sigue en inglés.</translation>
    </message>
</context>
<context>
    <name>ShiftDialog</name>
    <message>
        <location filename="../../ui/shift.py" line="+199"/>
        <source>Open a shift · Checkpoint field capture</source>
        <extracomment>The shift was opened (a :class:`fieldapp.services.shifts.Shift`); ctx.shift is set.</extracomment>
        <translation>Abrir turno · Registro de campo en puntos de control</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Which checkpoint are you at, {0}?</source>
        <translation>¿En qué punto de control está, {0}?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Checkpoint (type to search by name, city or code)</source>
        <translation>&amp;Punto de control (escriba para buscar por nombre, ciudad o código)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>e.g. San Ysidro or US-SYS</source>
        <translation>p. ej. San Ysidro o US-SYS</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Open shift</source>
        <translation>&amp;Abrir turno</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Start working</source>
        <translation>&amp;Comenzar a trabajar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign o&amp;ut</source>
        <translation>Cerrar &amp;sesión</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This shift so far</source>
        <translation>Este turno hasta ahora</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Encounters recorded</source>
        <translation>Encuentros registrados</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seizures recorded</source>
        <translation>Aseguramientos registrados</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Drafts not finalized</source>
        <translation>Borradores sin finalizar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Events waiting for HQ (all shifts)</source>
        <translation>Eventos en espera de la central (todos los turnos)</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Shift open at {0} since {1}.</source>
        <translation>Turno abierto en {0} desde {1}.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Your shift at {0} has been open since {1}; opening it again continues it.</source>
        <translation>Su turno en {0} está abierto desde {1}; al abrirlo de nuevo, continúa.</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Pick a checkpoint from the list.</source>
        <translation>Elija un punto de control de la lista.</translation>
    </message>
</context>
<context>
    <name>SignInMessages</name>
    <message>
        <location filename="../../ui/sign_in_messages.py" line="+26"/>
        <source>{0} has not signed in on this device yet, so the encrypted profile cannot be opened with that account. An officer who has signed in here before must unlock it first; then sign in at the locked screen.</source>
        <translation>{0} todavía no ha iniciado sesión en este equipo, así que el perfil cifrado no se puede abrir con esa cuenta. Un agente que ya haya iniciado sesión aquí debe desbloquearlo primero; después inicie sesión en la pantalla bloqueada.</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+12"/>
        <source>Unknown officer id or wrong password.</source>
        <translation>Identificador de agente desconocido o contraseña incorrecta.</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>{0} is not an active officer on this device any more.</source>
        <translation>{0} ya no es un agente activo en este equipo.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Unknown officer id or wrong password ({0} attempt(s) left before a lockout).</source>
        <translation>Identificador de agente desconocido o contraseña incorrecta (queda(n) {0} intento(s) antes del bloqueo).</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Too many wrong passwords: {0} is locked on this device until {1}. Ask a supervisor if you cannot wait.</source>
        <translation>Demasiadas contraseñas incorrectas: {0} queda bloqueado en este equipo hasta las {1}. Pida ayuda a un supervisor si no puede esperar.</translation>
    </message>
</context>
<context>
    <name>SignatureCapture</name>
    <message>
        <location filename="../../ui/signatures/capture.py" line="+118"/>
        <source>Say in a note why the signature was not given.</source>
        <translation>Indique en una nota por qué no se firmó.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Sign in the box, or mark that the signature was declined.</source>
        <translation>Firme en el recuadro, o marque que se negó a firmar.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sign in the box.</source>
        <translation>Firme en el recuadro.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Signature of the officer</source>
        <translation>Firma del agente</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signature of the witness</source>
        <translation>Firma del testigo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signature of the person</source>
        <translation>Firma de la persona</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signature of the officer releasing custody</source>
        <translation>Firma del agente que entrega la custodia</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signature of the person receiving custody</source>
        <translation>Firma de la persona que recibe la custodia</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>C&amp;lear</source>
        <translation>&amp;Borrar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Erase the signature and sign again</source>
        <translation>Borrar la firma y firmar de nuevo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Declined to sign</source>
        <translation>Se negó a firmar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Officer&apos;s note: what was said or why</source>
        <translation>Nota del agente: qué se dijo o por qué</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sign here with the mouse, a pen or a finger</source>
        <translation>Firme aquí con el mouse, un lápiz digital o el dedo</translation>
    </message>
</context>
<context>
    <name>SignaturePanel</name>
    <message>
        <location filename="../../ui/receipts/signing.py" line="+142"/>
        <source>Signatures</source>
        <extracomment>Something was drawn, cleared, declined or noted in one of the boxes. The boxes shown, the person&apos;s first: it is the one that must be filled in. The boxes whose marks went to the core last, in order (its problems name them by index).</extracomment>
        <translation>Firmas</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>They are printed on the original. An officer who does not sign here signs the paper.</source>
        <translation>Se imprimen en el original. El agente que no firme aquí firma en el papel.</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <location filename="../../ui/status.py" line="+126"/>
        <source>Something went wrong in the background ({0}). What was saved before stays saved; the details are in fieldapp.log in the profile folder.</source>
        <extracomment>How often the waiting count is refreshed even without a write (ms). How long a message stays in the status bar (ms). The widest the officer-and-checkpoint text may be (px), so the other facts stay in view. The failure colour, readable on light and dark palettes.</extracomment>
        <translation>Algo falló en segundo plano ({0}). Lo guardado antes sigue guardado; los detalles están en fieldapp.log, en la carpeta del perfil.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Nobody signed in</source>
        <translation>Nadie ha iniciado sesión</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>On duty: {0} · no shift open</source>
        <translation>De servicio: {0} · sin turno abierto</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>On duty: {0} · {1}</source>
        <translation>De servicio: {0} · {1}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>HQ: …</source>
        <translation>Central: …</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Events waiting for HQ: …</source>
        <translation>Eventos en espera de la central: …</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last sync: …</source>
        <translation>Última sincronización: …</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not enrolled with HQ</source>
        <translation>Sin alta en la central</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enroll this device on the Sync page (Ctrl+5).</source>
        <translation>Dé de alta este equipo en la página Sincronización (Ctrl+5).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>HQ: this device is revoked</source>
        <translation>Central: se revocó el acceso de este equipo</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>HQ: enrolled ({0})</source>
        <translation>Central: dado de alta ({0})</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This device is enrolled as {0}.</source>
        <translation>Este equipo está dado de alta como {0}.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Events waiting for HQ: {0}</source>
        <translation>Eventos en espera de la central: {0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Changes saved on this device that HQ has not confirmed yet.</source>
        <translation>Cambios guardados en este equipo que la central aún no ha confirmado.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>never</source>
        <translation>nunca</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last sync: {0}</source>
        <translation>Última sincronización: {0}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Syncing…</source>
        <translation>Sincronizando…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Syncing: {0}</source>
        <translation>Sincronizando: {0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Looking for HQ…</source>
        <translation>Buscando la central…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>HQ not reachable; next try at {0}</source>
        <translation>Sin conexión con la central; próximo intento a las {0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sync failed; next try at {0}</source>
        <translation>Falló la sincronización; próximo intento a las {0}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Last sync failed</source>
        <translation>Falló la última sincronización</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Saving…</source>
        <translation>Guardando…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>All changes saved</source>
        <translation>Todos los cambios guardados</translation>
    </message>
</context>
<context>
    <name>StopSection</name>
    <message>
        <location filename="../../ui/forms/stop.py" line="+163"/>
        <source>Stop</source>
        <extracomment>The checkpoint changed: its code (times are read in its zone). The stop type changed: its code, or &quot;&quot; when none is chosen.</extracomment>
        <translation>Intervención</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>badge</source>
        <translation>placa</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Officer</source>
        <translation>Agente</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Started</source>
        <translation>Inicio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ended</source>
        <translation>Fin</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Checkpoint</source>
        <translation>Punto de control</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Agency</source>
        <translation>Dependencia</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Landmark</source>
        <translation>Punto de referencia</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Latitude, longitude</source>
        <translation>Latitud, longitud</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type of stop</source>
        <translation>Tipo de intervención</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason for the stop</source>
        <translation>Motivo de la intervención</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Grounds</source>
        <translation>Motivación</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Object of the search</source>
        <translation>Objeto de la revisión</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Legal power</source>
        <translation>Fundamento legal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Partner agencies</source>
        <translation>Dependencias participantes</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>e.g. secondary inspection, bay 4 (never a home address)</source>
        <translation>p. ej., inspección secundaria, andén 4 (nunca un domicilio particular)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>latitude</source>
        <translation>latitud</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>longitude</source>
        <translation>longitud</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>what was searched for</source>
        <translation>qué se buscaba</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add partner agency</source>
        <translation>Agregar dependencia participante</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Primary inspection</source>
        <translation>Inspección primaria</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Secondary inspection</source>
        <translation>Inspección secundaria</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pedestrian</source>
        <translation>Peatonal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vehicle stop</source>
        <translation>Revisión vehicular</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rescue / welfare</source>
        <translation>Rescate / auxilio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other</source>
        <translation>Otra</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose the type of stop…</source>
        <translation>Elija el tipo de intervención…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Choose the legal power used…</source>
        <translation>Elija el fundamento legal aplicado…</translation>
    </message>
</context>
<context>
    <name>Submission</name>
    <message>
        <location filename="../../ui/forms/submission.py" line="+108"/>
        <source>Something went wrong; your draft is kept.</source>
        <extracomment>The core&apos;s problems now (list of Problem) and whether to go to the first one. Finalizing was refused: the problems (list of Problem). The draft became records. A sentence saying why nothing happened (disk full, draft changed elsewhere, ...). True from Finalize until its outcome arrives (a second Ctrl+Enter does nothing).</extracomment>
        <translation>Algo falló; su borrador se conserva.</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <location filename="../../ui/sync_page.py" line="+223"/>
        <source>Encounters</source>
        <extracomment>Refused events listed one by one; the rest are counted.</extracomment>
        <translation>Encuentros</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seizures</source>
        <translation>Aseguramientos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Custody transfers</source>
        <translation>Transferencias de custodia</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Property returns</source>
        <translation>Devoluciones de bienes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Receipts</source>
        <translation>Recibos</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Sync with HQ</source>
        <translation>Sincronización con la central</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Sync now</source>
        <translation>&amp;Sincronizar ahora</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Send what waits for HQ and take in what HQ has for this device.</source>
        <translation>Enviar lo que está en espera de la central y recibir lo que la central tiene para este equipo.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Events HQ has acknowledged:</source>
        <translation>Eventos confirmados por la central:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sent in the last sync:</source>
        <translation>Enviados en la última sincronización:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Events HQ refused:</source>
        <translation>Eventos rechazados por la central:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last successful sync:</source>
        <translation>Última sincronización correcta:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Records HQ has not confirmed yet:</source>
        <translation>Registros que la central aún no confirma:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>HQ refused these events and keeps them aside. They stay on this device and are sent again at each sync; HQ confirms the events after a refused one only once it is settled. Tell HQ about them.</source>
        <translation>La central rechazó estos eventos y los mantiene aparte. Permanecen en este equipo y se envían de nuevo en cada sincronización; la central confirma los eventos posteriores a uno rechazado solo cuando este se resuelve. Informe a la central.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Records not confirmed</source>
        <translation>Registros sin confirmar</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>{0} events ({1} new at HQ), {2} received from HQ</source>
        <translation>{0} eventos ({1} nuevos en la central), {2} recibidos de la central</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>&lt;b&gt;Event #{0}&lt;/b&gt;, refused since {1}: {2}</source>
        <translation>&lt;b&gt;Evento n.º {0}&lt;/b&gt;, rechazado desde {1}: {2}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>… and {0} more.</source>
        <translation>… y {0} más.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>This device is not enrolled with HQ yet, so nothing has been sent. Everything is kept safely on this device until it is.</source>
        <translation>Este equipo todavía no está dado de alta en la central, así que no se ha enviado nada. Todo se conserva de forma segura en este equipo hasta que lo esté.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Enrolled with HQ at {0} as &quot;{1}&quot; since {2}.</source>
        <translation>Dado de alta en la central en {0} como &quot;{1}&quot; desde {2}.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Its records stay on it. Ask your supervisor.</source>
        <translation>Sus registros permanecen en él. Consulte a su supervisor.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>HQ has revoked this device (since {0}): it can no longer sync.</source>
        <translation>La central revocó el acceso de este equipo (desde {0}): ya no puede sincronizar.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>The last sync failed ({0}): {1} Nothing is lost: what waits stays on this device and is sent at the next sync.</source>
        <translation>Falló la última sincronización ({0}): {1} No se pierde nada: lo que está en espera permanece en este equipo y se envía en la próxima sincronización.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{0} events sent, {1} received from HQ, {2} photos and signatures uploaded.</source>
        <translation>{0} eventos enviados, {1} recibidos de la central, {2} fotos y firmas cargadas.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sync complete: {0} HQ has every event of this device.</source>
        <translation>Sincronización completa: {0} La central tiene todos los eventos de este equipo.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The last sync ran to the end: {0}</source>
        <translation>La última sincronización llegó al final: {0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0} events still wait for HQ.</source>
        <translation>{0} eventos siguen en espera de la central.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{0} photos or signatures HQ expects cannot be read on this device.</source>
        <translation>No se pueden leer en este equipo {0} fotos o firmas que la central espera.</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>This device is enrolled with HQ now.</source>
        <translation>Este equipo ya está dado de alta en la central.</translation>
    </message>
    <message>
        <location line="-191"/>
        <source>Events waiting for HQ:</source>
        <translation>Eventos en espera de la central:</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Kind of record</source>
        <translation>Tipo de registro</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Events waiting</source>
        <translation>Eventos en espera</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>never</source>
        <translation>nunca</translation>
    </message>
</context>
<context>
    <name>SyncProgress</name>
    <message>
        <location filename="../../ui/sync_run.py" line="+333"/>
        <source>Checking HQ…</source>
        <translation>Consultando la central…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>HQ revoked this device: removing the records HQ holds…</source>
        <translation>La central revocó este dispositivo: se están quitando los registros que la central ya tiene…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sending events: {0} of {1}</source>
        <translation>Enviando eventos: {0} de {1}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Uploading photos and signatures: {0} of {1}</source>
        <translation>Subiendo fotos y firmas: {0} de {1}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Receiving from HQ: {0} of {1}</source>
        <translation>Recibiendo de la central: {0} de {1}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Syncing…</source>
        <translation>Sincronizando…</translation>
    </message>
</context>
<context>
    <name>SyncRunner</name>
    <message>
        <location line="-141"/>
        <source>This device is not enrolled with HQ yet, so it cannot sync. Enroll it on the Sync page with the one-time code HQ gives you.</source>
        <extracomment>Makes the sync client for a profile, given the state to keep (``SyncClient`` itself by default; tests pass ``functools.partial(SyncClient, transport=...)``). Which field of the enrollment form an enrollment problem belongs beside. The methods of SyncState that reach the database (everything public but properties). A sync started (after the officer&apos;s click, the watcher, or closing a shift). ``(phase, done, total)`` of the sync running (phases of ``sync.report``). A sync ended: the :class:`sync.report.SyncReport` (its ``error`` says why it stopped). An enrollment ended: an :class:`EnrollOutcome`. Progress emitted on the network thread, queued to the UI thread.</extracomment>
        <translation>Este equipo aún no está dado de alta en la central, así que no puede sincronizar. Dé de alta el equipo en la página de Sincronización con el código de un solo uso que le da la central.</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <location filename="../../ui/unlock.py" line="+89"/>
        <source>Checkpoint field capture</source>
        <extracomment>(profile, officer) or the exception, from the worker thread. The opened profile and the officer signed in, once accepted.</extracomment>
        <translation>Registro de campo en puntos de control</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign in to open this laptop&apos;s records</source>
        <translation>Inicie sesión para abrir los registros de esta computadora</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The records on this laptop are encrypted. Sign in with your officer id and password; it works without a network.</source>
        <translation>Los registros de esta computadora están cifrados. Inicie sesión con su identificador de agente y su contraseña; funciona sin red.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Officer id</source>
        <translation>Identificador de agente</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password</source>
        <translation>Contraseña</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+48"/>
        <source>Sign in</source>
        <translation>Iniciar sesión</translation>
    </message>
    <message>
        <location line="-44"/>
        <source>Demo sign-in: officer {officer}, password {password}</source>
        <translation>Acceso de demostración: agente {officer}, contraseña {password}</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Type your officer id and your password.</source>
        <translation>Escriba su identificador de agente y su contraseña.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Checking…</source>
        <translation>Verificando…</translation>
    </message>
</context>
<context>
    <name>VehicleSection</name>
    <message>
        <location filename="../../ui/forms/vehicle.py" line="+71"/>
        <location line="+3"/>
        <source>Vehicle</source>
        <translation>Vehículo</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>A vehicle is involved in this stop</source>
        <translation>Hay un vehículo en esta intervención</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Plate</source>
        <translation>Placa</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Plate issued by</source>
        <translation>Placa expedida en</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Make</source>
        <translation>Marca</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Model</source>
        <translation>Modelo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Colour</source>
        <translation>Color</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>VIN</source>
        <translation>NIV</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Year</source>
        <translation>Año</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>e.g. US-CA, MX-BCN</source>
        <translation>p. ej., US-CA, MX-BCN</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. 2019</source>
        <translation>p. ej., 2019</translation>
    </message>
</context>
<context>
    <name>WorkTabs</name>
    <message>
        <location filename="../../ui/main_tabs.py" line="+99"/>
        <source>The encounter form is not available in this build.</source>
        <extracomment>A sentence for the status bar. The last &quot;print the receipt now?&quot; offer (None when nothing was offered).</extracomment>
        <translation>El formulario de encuentro no está disponible en esta versión.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>New encounter</source>
        <translation>Nuevo encuentro</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>This draft ({0}) has no form in this version; it stays saved.</source>
        <translation>Este borrador ({0}) no tiene formulario en esta versión; sigue guardado.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Encounter draft</source>
        <translation>Borrador de encuentro</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>The record view is not available in this build.</source>
        <translation>La vista de registros no está disponible en esta versión.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Record</source>
        <translation>Registro</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>You have unfinished drafts; they are listed under Drafts (Ctrl+3).</source>
        <translation>Tiene borradores sin terminar; están en Borradores (Ctrl+3).</translation>
    </message>
</context>
<context>
    <name>_Unavailable</name>
    <message>
        <location filename="../../ui/main_window.py" line="+97"/>
        <source>The {0} page is not available in this build.</source>
        <extracomment>Where each page comes from, and what it is asked to show; imported on first use.</extracomment>
        <translation>La página {0} no está disponible en esta versión.</translation>
    </message>
</context>
</TS>
