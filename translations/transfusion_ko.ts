<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko">
<context>
    <name>tfs::studio::AttentionPage</name>
    <message>
        <source>Layout</source>
        <translation>레이아웃</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>프롬프트</translation>
    </message>
    <message>
        <source>Layout: text:N, image:P, | between documents. Prompt: text with &lt;image&gt; where an image goes.</source>
        <translation>레이아웃: text:N, image:P, 문서 사이는 |. 프롬프트: 이미지 자리에 &lt;image&gt;를 넣은 텍스트.</translation>
    </message>
    <message>
        <source>Causal only</source>
        <translation>인과 마스크만</translation>
    </message>
    <message>
        <source>Plain causal attention: what the paper&apos;s ablation removes is the bidirectional attention inside each image (Ctrl+Shift+C)</source>
        <translation>순수 인과 어텐션: 논문의 절제 실험이 없애는 것은 각 이미지 내부의 양방향 어텐션입니다 (Ctrl+Shift+C)</translation>
    </message>
    <message>
        <source>&lt;image&gt; = </source>
        <translation>&lt;image&gt; = </translation>
    </message>
    <message>
        <source> patches</source>
        <translation> 패치</translation>
    </message>
    <message>
        <source>Patches per &lt;image&gt; in a prompt when no model is loaded</source>
        <translation>모델이 없을 때 프롬프트의 &lt;image&gt;당 패치 수</translation>
    </message>
    <message>
        <source>Load model…</source>
        <translation>모델 불러오기…</translation>
    </message>
    <message>
        <source>Open a run folder to show its real attention weights (Ctrl+Shift+L)</source>
        <translation>실행 폴더를 열어 실제 어텐션 가중치 표시 (Ctrl+Shift+L)</translation>
    </message>
    <message>
        <source>Demo model</source>
        <translation>데모 모델</translation>
    </message>
    <message>
        <source>Load the model shipped with the studio</source>
        <translation>스튜디오에 포함된 모델 불러오기</translation>
    </message>
    <message>
        <source>No model: the mask only</source>
        <translation>모델 없음: 마스크만</translation>
    </message>
    <message>
        <source>Mask</source>
        <translation>마스크</translation>
    </message>
    <message>
        <source>Attention weights</source>
        <translation>어텐션 가중치</translation>
    </message>
    <message>
        <source>The mask (who may attend whom) or the model&apos;s probabilities</source>
        <translation>마스크 (누가 누구를 볼 수 있는지) 또는 모델의 확률</translation>
    </message>
    <message>
        <source>Transformer layer, or the mean over all layers</source>
        <translation>트랜스포머 레이어 또는 전체 레이어 평균</translation>
    </message>
    <message>
        <source>Attention head, or the mean over the heads</source>
        <translation>어텐션 헤드 또는 헤드 평균</translation>
    </message>
    <message>
        <source>t = pure noise</source>
        <translation>t = 순수 노이즈</translation>
    </message>
    <message>
        <source>t = </source>
        <translation>t = </translation>
    </message>
    <message>
        <source>Noise step of the images the model sees</source>
        <translation>모델이 보는 이미지의 노이즈 스텝</translation>
    </message>
    <message>
        <source>mean of layers</source>
        <translation>레이어 평균</translation>
    </message>
    <message>
        <source>layer %1</source>
        <translation>레이어 %1</translation>
    </message>
    <message>
        <source>mean of heads</source>
        <translation>헤드 평균</translation>
    </message>
    <message>
        <source>head %1</source>
        <translation>헤드 %1</translation>
    </message>
    <message>
        <source>text:5,image:16,text:3 | text:4</source>
        <translation>text:5,image:16,text:3 | text:4</translation>
    </message>
    <message>
        <source>a red circle &lt;image&gt; a blue square &lt;image&gt;</source>
        <translation>빨간 원 &lt;image&gt; 파란 사각형 &lt;image&gt;</translation>
    </message>
    <message>
        <source>attention of %1, %2</source>
        <translation>%1, %2의 어텐션</translation>
    </message>
    <message>
        <source>causal-only mask</source>
        <translation>인과 전용 마스크</translation>
    </message>
    <message>
        <source>Transfusion mask</source>
        <translation>Transfusion 마스크</translation>
    </message>
    <message>
        <source>%1 positions · %2 document(s) · %3 image(s) · %4</source>
        <translation>위치 %1개 · 문서 %2개 · 이미지 %3개 · %4</translation>
    </message>
    <message>
        <source>Open a trained run</source>
        <translation>학습된 실행 열기</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>%1 불러오는 중…</translation>
    </message>
    <message>
        <source>Model: %1</source>
        <translation>모델: %1</translation>
    </message>
    <message>
        <source>Model: %1 (%2 layers × %3 heads, %4 patches per image)</source>
        <translation>모델: %1 (레이어 %2 × 헤드 %3, 이미지당 패치 %4)</translation>
    </message>
</context>
<context>
    <name>tfs::studio::ChatInput</name>
    <message>
        <source>Write a message… (Enter sends, Shift+Enter starts a new line; paste or drop images to attach them)</source>
        <translation>메시지 입력… (Enter로 보내기, Shift+Enter로 줄 바꿈; 이미지를 붙여넣거나 끌어다 놓아 첨부)</translation>
    </message>
</context>
<context>
    <name>tfs::studio::ChatPage</name>
    <message>
        <source>&amp;New</source>
        <translation>새로 만들기(&amp;N)</translation>
    </message>
    <message>
        <source>Start a new conversation</source>
        <translation>새 대화 시작</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>열기(&amp;O)…</translation>
    </message>
    <message>
        <source>Load a saved conversation (JSON)</source>
        <translation>저장된 대화 불러오기 (JSON)</translation>
    </message>
    <message>
        <source>Sa&amp;ve…</source>
        <translation>저장(&amp;V)…</translation>
    </message>
    <message>
        <source>Save the conversation with all its branches as JSON, its images beside it</source>
        <translation>모든 분기를 포함한 대화를 JSON으로 저장하고 이미지는 그 옆에 저장</translation>
    </message>
    <message>
        <source>Images sent with the next message; Delete removes the selected one.</source>
        <translation>다음 메시지와 함께 보낼 이미지; Delete 키로 선택한 이미지를 제거합니다.</translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation>보내기(&amp;S)</translation>
    </message>
    <message>
        <source>Send the message; the model replies with text and maybe images (Enter)</source>
        <translation>메시지 보내기; 모델이 텍스트와 경우에 따라 이미지로 답합니다 (Enter)</translation>
    </message>
    <message>
        <source>&amp;Draw</source>
        <translation>그리기(&amp;D)</translation>
    </message>
    <message>
        <source>Send the message and have the reply start with an image (Ctrl+D)</source>
        <translation>메시지를 보내고 답장을 이미지로 시작하게 함 (Ctrl+D)</translation>
    </message>
    <message>
        <source>&amp;Image…</source>
        <translation>이미지(&amp;I)…</translation>
    </message>
    <message>
        <source>Attach image files to the next message (or paste / drop them)</source>
        <translation>다음 메시지에 이미지 파일 첨부 (또는 붙여넣기 / 끌어다 놓기)</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>중지</translation>
    </message>
    <message>
        <source>Stop the reply now (Esc)</source>
        <translation>답장 지금 중지 (Esc)</translation>
    </message>
    <message>
        <source>Reply settings</source>
        <translation>답장 설정</translation>
    </message>
    <message>
        <source>0 always picks the likeliest token (the paper); higher is more varied.</source>
        <translation>0은 항상 가장 확률이 높은 토큰을 고릅니다 (논문 방식); 높을수록 다양해집니다.</translation>
    </message>
    <message>
        <source>The most text tokens in one reply</source>
        <translation>한 답장의 최대 텍스트 토큰 수</translation>
    </message>
    <message>
        <source>&amp;Temperature:</source>
        <translation>온도(&amp;T):</translation>
    </message>
    <message>
        <source>&amp;Max tokens:</source>
        <translation>최대 토큰(&amp;M):</translation>
    </message>
    <message>
        <source>%1 × %2 pixels</source>
        <translation>%1 × %2 픽셀</translation>
    </message>
    <message>
        <source>Attach Images</source>
        <translation>이미지 첨부</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.bmp *.gif *.webp)</source>
        <translation>이미지 (*.png *.jpg *.jpeg *.bmp *.gif *.webp)</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1을(를) 읽을 수 없습니다: %2</translation>
    </message>
    <message>
        <source>The model is still replying: wait or stop it first.</source>
        <translation>모델이 아직 답하는 중입니다: 기다리거나 먼저 중지하세요.</translation>
    </message>
    <message>
        <source>The edited reply is a new branch.</source>
        <translation>편집한 답장은 새 분기가 됩니다.</translation>
    </message>
    <message>
        <source>reply: %1</source>
        <translation>답장: %1</translation>
    </message>
    <message>
        <source>(image)</source>
        <translation>(이미지)</translation>
    </message>
    <message>
        <source>Replying…</source>
        <translation>답하는 중…</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>중지됨.</translation>
    </message>
    <message>
        <source>Replied in %1 s (%2).</source>
        <translation>%1초 만에 답함 (%2).</translation>
    </message>
    <message>
        <source>(no reply)</source>
        <translation>(답장 없음)</translation>
    </message>
    <message>
        <source>The reply failed: %1</source>
        <translation>답장 실패: %1</translation>
    </message>
    <message>
        <source>New conversation.</source>
        <translation type="vanished">새 대화.</translation>
    </message>
    <message>
        <source>Editing a message: sending makes it a new branch and the model replies to it.</source>
        <translation>메시지 편집 중: 보내면 새 분기가 되고 모델이 그에 답합니다.</translation>
    </message>
    <message>
        <source>Editing the model&apos;s message: sending makes it a new branch.</source>
        <translation>모델의 메시지 편집 중: 보내면 새 분기가 됩니다.</translation>
    </message>
    <message>
        <source>regenerate: %1</source>
        <translation>다시 생성: %1</translation>
    </message>
    <message>
        <source>Regenerating…</source>
        <translation>다시 생성하는 중…</translation>
    </message>
    <message>
        <source>Open Conversation</source>
        <translation>대화 열기</translation>
    </message>
    <message>
        <source>Conversations (*.json)</source>
        <translation>대화 (*.json)</translation>
    </message>
    <message>
        <source>Loaded %1.</source>
        <translation>%1을(를) 불러왔습니다.</translation>
    </message>
    <message>
        <source>Cannot load %1: %2</source>
        <translation>%1을(를) 불러올 수 없습니다: %2</translation>
    </message>
    <message>
        <source>Save Conversation</source>
        <translation>대화 저장</translation>
    </message>
    <message>
        <source>Saved %1 (images in %2_images/).</source>
        <translation>%1을(를) 저장했습니다 (이미지는 %2_images/에).</translation>
    </message>
    <message>
        <source>Cannot save %1: %2</source>
        <translation>%1을(를) 저장할 수 없습니다: %2</translation>
    </message>
    <message>
        <source>Ask the model, or describe an image and press Draw (Ctrl+D) — e.g. &quot;a photo of a bag&quot;. Attach, paste or drop an image and ask &quot;what is this?&quot;.</source>
        <translation>모델에게 물어보거나, 이미지를 설명하고 그리기(Ctrl+D)를 누르세요 — 예: &quot;a photo of a bag&quot;. 이미지를 첨부·붙여넣기·끌어다 놓고 &quot;what is this?&quot;라고 물어보세요.</translation>
    </message>
    <message>
        <source>The model ended its reply at once: it has nothing to say to this.</source>
        <translation>모델이 곧바로 답을 끝냈습니다: 이에 대해 할 말이 없습니다.</translation>
    </message>
    <message>
        <source>Warning: %1.</source>
        <translation>경고: %1.</translation>
    </message>
    <message>
        <source>Note: %1.</source>
        <translation>참고: %1.</translation>
    </message>
    <message>
        <source>New conversation. Type a message and press Enter (Send) for a text reply, or Draw (Ctrl+D) for an image; attach an image (Image…, paste or drop) and ask about it. Edit a message or regenerate a reply to branch; Save… keeps every branch.</source>
        <translation>새 대화입니다. 메시지를 입력하고 Enter(보내기)를 누르면 텍스트로, 그리기(Ctrl+D)를 누르면 이미지로 답합니다. 이미지를 첨부(이미지…, 붙여넣기, 끌어다 놓기)하고 그에 대해 물어볼 수 있습니다. 메시지를 고치거나 답을 다시 생성하면 분기가 생기고, 저장…은 모든 분기를 보관합니다.</translation>
    </message>
</context>
<context>
    <name>tfs::widgets::ChatView</name>
    <message>
        <source>You</source>
        <translation>나</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>모델</translation>
    </message>
    <message>
        <source>Previous version</source>
        <translation>이전 버전</translation>
    </message>
    <message>
        <source>%1/%2</source>
        <translation>%1/%2</translation>
    </message>
    <message>
        <source>Next version</source>
        <translation>다음 버전</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>편집</translation>
    </message>
    <message>
        <source>Edit this message as a new branch</source>
        <translation>이 메시지를 새 분기로 편집</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>다시 생성</translation>
    </message>
    <message>
        <source>Generate another reply as a new branch</source>
        <translation>새 분기로 다른 답장 생성</translation>
    </message>
    <message>
        <source>Right-click to save or copy</source>
        <translation>오른쪽 클릭으로 저장 또는 복사</translation>
    </message>
    <message>
        <source>Save image…</source>
        <translation>이미지 저장…</translation>
    </message>
    <message>
        <source>Copy image</source>
        <translation>이미지 복사</translation>
    </message>
</context>
<context>
    <name>tfs::studio::DenoisePage</name>
    <message>
        <source>&amp;Prompt:</source>
        <translation>프롬프트(&amp;P):</translation>
    </message>
    <message>
        <source>e.g. a photo of a sneaker</source>
        <translation>예: a photo of a sneaker</translation>
    </message>
    <message>
        <source>What to draw. Enter generates.</source>
        <translation>그릴 내용. Enter로 생성합니다.</translation>
    </message>
    <message>
        <source>Settings A</source>
        <translation>설정 A</translation>
    </message>
    <message>
        <source>Compare with settings &amp;B</source>
        <translation>설정 B와 비교(&amp;B)</translation>
    </message>
    <message>
        <source>Generate the same prompt with a second setting and show both side by side.</source>
        <translation>같은 프롬프트를 두 번째 설정으로 생성해 나란히 표시합니다.</translation>
    </message>
    <message>
        <source>Settings B</source>
        <translation>설정 B</translation>
    </message>
    <message>
        <source>&amp;Generate</source>
        <translation>생성(&amp;G)</translation>
    </message>
    <message>
        <source>Queue the image (Ctrl+Enter); it runs in the Jobs queue.</source>
        <translation>이미지를 대기열에 추가 (Ctrl+Enter); 작업 대기열에서 실행됩니다.</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>중지</translation>
    </message>
    <message>
        <source>Stop this page&apos;s images now (Esc)</source>
        <translation>이 페이지의 이미지 지금 중지 (Esc)</translation>
    </message>
    <message>
        <source>A</source>
        <translation>A</translation>
    </message>
    <message>
        <source>B</source>
        <translation>B</translation>
    </message>
    <message>
        <source>Left: the noisy x_t; right: the model&apos;s guess of the clean image x̂0. Drag the scrubber or click a thumbnail to revisit a step.</source>
        <translation>왼쪽: 노이즈가 낀 x_t; 오른쪽: 모델이 추정한 깨끗한 이미지 x̂0. 스크러버를 끌거나 썸네일을 클릭해 스텝을 다시 봅니다.</translation>
    </message>
    <message>
        <source>result</source>
        <translation>결과</translation>
    </message>
    <message>
        <source>No image yet.</source>
        <translation>아직 이미지가 없습니다.</translation>
    </message>
    <message>
        <source>&amp;Save Image…</source>
        <translation>이미지 저장(&amp;S)…</translation>
    </message>
    <message>
        <source>Save the result as PNG with its parameters (prompt, seed, steps, CFG, sampler, model)</source>
        <translation>결과를 매개변수(프롬프트, 시드, 스텝, CFG, 샘플러, 모델)와 함께 PNG로 저장</translation>
    </message>
    <message>
        <source>Write a prompt first.</source>
        <translation>먼저 프롬프트를 입력하세요.</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; · %2 · queued</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; · %2 · 대기 중</translation>
    </message>
    <message>
        <source>Denoising…</source>
        <translation>디노이징 중…</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; · %2</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; · %2</translation>
    </message>
    <message>
        <source>The image was skipped.</source>
        <translation>이미지를 건너뛰었습니다.</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>중지됨.</translation>
    </message>
    <message>
        <source>Image %1 done in %2 s</source>
        <translation>이미지 %1 완료 (%2초)</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>실패: %1</translation>
    </message>
</context>
<context>
    <name>tfs::studio::DenoiseSchedulePlot</name>
    <message>
        <source>Per step: the noise level σ = √(1 − ᾱ_t) (solid) and the timestep t / T (dashed); the dot is the step shown above</source>
        <translation>스텝별: 노이즈 수준 σ = √(1 − ᾱ_t) (실선)와 타임스텝 t / T (점선); 점은 위에 표시된 스텝</translation>
    </message>
    <message>
        <source>step (of %1)</source>
        <translation>스텝 (총 %1)</translation>
    </message>
</context>
<context>
    <name>tfs::studio::EditPage</name>
    <message>
        <source>&amp;Open Image…</source>
        <translation>이미지 열기(&amp;O)…</translation>
    </message>
    <message>
        <source>The image to edit (Ctrl+O); you can also drop one here, or drag a finished job&apos;s image from Jobs</source>
        <translation>편집할 이미지 (Ctrl+O); 여기에 끌어다 놓거나 작업에서 완료된 작업의 이미지를 끌어올 수도 있습니다</translation>
    </message>
    <message>
        <source>Use &amp;Result</source>
        <translation>결과 사용(&amp;R)</translation>
    </message>
    <message>
        <source>Edit the result further: it becomes the input (Ctrl+R)</source>
        <translation>결과를 이어서 편집: 결과가 입력이 됩니다 (Ctrl+R)</translation>
    </message>
    <message>
        <source>&amp;Instruction:</source>
        <translation>지시(&amp;I):</translation>
    </message>
    <message>
        <source>e.g. make the circle green</source>
        <translation>예: make the circle green</translation>
    </message>
    <message>
        <source>What to change; Enter runs the edit</source>
        <translation>바꿀 내용; Enter로 편집 실행</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>설정</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>편집(&amp;E)</translation>
    </message>
    <message>
        <source>Run the edit (Ctrl+Enter); it runs in the Jobs queue</source>
        <translation>편집 실행 (Ctrl+Enter); 작업 대기열에서 실행됩니다</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>중지</translation>
    </message>
    <message>
        <source>Stop the edit now (Esc)</source>
        <translation>편집 지금 중지 (Esc)</translation>
    </message>
    <message>
        <source>&amp;Save Result…</source>
        <translation>결과 저장(&amp;S)…</translation>
    </message>
    <message>
        <source>Save the result as PNG with its parameters (Ctrl+S)</source>
        <translation>결과를 매개변수와 함께 PNG로 저장 (Ctrl+S)</translation>
    </message>
    <message>
        <source>History:</source>
        <translation>기록:</translation>
    </message>
    <message>
        <source>Every edit of this session; select one to compare it again</source>
        <translation>이번 세션의 모든 편집; 하나를 선택해 다시 비교</translation>
    </message>
    <message>
        <source>Editing fine-tune</source>
        <translation>편집 파인튜닝</translation>
    </message>
    <message>
        <source>Teach a trained model to follow edit instructions (as `transfusion finetune-edit`), on generated shapes triplets</source>
        <translation>학습된 모델이 편집 지시를 따르도록 생성된 도형 트리플릿으로 학습시킵니다 (`transfusion finetune-edit`와 같음)</translation>
    </message>
    <message>
        <source>the loaded model&apos;s run</source>
        <translation>불러온 모델의 실행</translation>
    </message>
    <message>
        <source>The trained run to start from; empty uses the loaded model&apos;s</source>
        <translation>시작할 학습된 실행; 비워 두면 불러온 모델의 실행 사용</translation>
    </message>
    <message>
        <source>A new folder for the fine-tune&apos;s run</source>
        <translation>파인튜닝 실행을 위한 새 폴더</translation>
    </message>
    <message>
        <source>Choose the folder</source>
        <translation>폴더 선택</translation>
    </message>
    <message>
        <source>Optimiser steps of the fine-tune</source>
        <translation>파인튜닝의 옵티마이저 스텝</translation>
    </message>
    <message>
        <source>Base run:</source>
        <translation>기반 실행:</translation>
    </message>
    <message>
        <source>New run:</source>
        <translation>새 실행:</translation>
    </message>
    <message>
        <source>Steps:</source>
        <translation>스텝:</translation>
    </message>
    <message>
        <source>Start Fine-tune</source>
        <translation>파인튜닝 시작</translation>
    </message>
    <message>
        <source>Stop &amp;&amp; Save</source>
        <translation>중지 &amp;&amp; 저장</translation>
    </message>
    <message>
        <source>Stop after the current step and save a checkpoint</source>
        <translation>현재 스텝 후 중지하고 체크포인트 저장</translation>
    </message>
    <message>
        <source>Load Result</source>
        <translation>결과 불러오기</translation>
    </message>
    <message>
        <source>Generate and edit with the fine-tuned model</source>
        <translation>파인튜닝된 모델로 생성하고 편집</translation>
    </message>
    <message>
        <source>%v / %m steps</source>
        <translation>%v / %m 스텝</translation>
    </message>
    <message>
        <source>before</source>
        <translation>이전</translation>
    </message>
    <message>
        <source>after</source>
        <translation>이후</translation>
    </message>
    <message>
        <source>Drag (or use the arrow keys) to move the split between before and after</source>
        <translation>끌어서 (또는 화살표 키로) 이전과 이후 사이의 경계 이동</translation>
    </message>
    <message>
        <source>Fine-tune Run Folder</source>
        <translation>파인튜닝 실행 폴더</translation>
    </message>
    <message>
        <source>Fine-tuning into %1…</source>
        <translation>%1(으)로 파인튜닝 중…</translation>
    </message>
    <message>
        <source>step %1: LM loss %2, diffusion loss %3</source>
        <translation>스텝 %1: LM 손실 %2, 확산 손실 %3</translation>
    </message>
    <message>
        <source>Stopped; saved %1.</source>
        <translation>중지됨; %1을(를) 저장했습니다.</translation>
    </message>
    <message>
        <source>Done; saved %1.</source>
        <translation>완료; %1을(를) 저장했습니다.</translation>
    </message>
    <message>
        <source>The fine-tune failed: %1</source>
        <translation>파인튜닝 실패: %1</translation>
    </message>
    <message>
        <source>Input: %1 × %2 pixels</source>
        <translation>입력: %1 × %2 픽셀</translation>
    </message>
    <message>
        <source>Input: %1</source>
        <translation>입력: %1</translation>
    </message>
    <message>
        <source>Open Image</source>
        <translation>이미지 열기</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.bmp *.gif *.webp)</source>
        <translation>이미지 (*.png *.jpg *.jpeg *.bmp *.gif *.webp)</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1을(를) 읽을 수 없습니다: %2</translation>
    </message>
    <message>
        <source>Open an image to edit first.</source>
        <translation>먼저 편집할 이미지를 여세요.</translation>
    </message>
    <message>
        <source>Write an instruction first, e.g. &quot;make the circle green&quot;.</source>
        <translation>먼저 지시를 입력하세요. 예: &quot;make the circle green&quot;.</translation>
    </message>
    <message>
        <source>edit: %1</source>
        <translation>편집: %1</translation>
    </message>
    <message>
        <source>Editing…</source>
        <translation>편집 중…</translation>
    </message>
    <message>
        <source>The result is the new input.</source>
        <translation>결과가 새 입력이 되었습니다.</translation>
    </message>
    <message>
        <source>Editing… step %1 / %2</source>
        <translation>편집 중… 스텝 %1 / %2</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>중지됨.</translation>
    </message>
    <message>
        <source>Edited in %1 s.</source>
        <translation>%1초 만에 편집했습니다.</translation>
    </message>
    <message>
        <source>The edit failed: %1</source>
        <translation>편집 실패: %1</translation>
    </message>
    <message>
        <source>Load a trained model (or name its run) to fine-tune it.</source>
        <translation>파인튜닝하려면 학습된 모델을 불러오세요 (또는 그 실행을 지정하세요).</translation>
    </message>
    <message>
        <source>Choose a new folder for the fine-tune&apos;s run.</source>
        <translation>파인튜닝 실행을 위한 새 폴더를 선택하세요.</translation>
    </message>
    <message>
        <source>Preparing the fine-tune…</source>
        <translation>파인튜닝 준비 중…</translation>
    </message>
    <message>
        <source>Stopping after the current step…</source>
        <translation>현재 스텝 후 중지하는 중…</translation>
    </message>
    <message>
        <source>This model was not fine-tuned for editing, so its edits will not follow the instruction: start an editing fine-tune below.</source>
        <translation type="vanished">이 모델은 편집용으로 파인튜닝되지 않아 편집이 지시를 따르지 않습니다: 아래에서 편집 파인튜닝을 시작하세요.</translation>
    </message>
    <message>
        <source>&amp;New Scene</source>
        <translation>새 장면(&amp;N)</translation>
    </message>
    <message>
        <source>A random shapes scene at the editing model&apos;s size, with an instruction that fits it (the shapes world the shipped editing model knows)</source>
        <translation>편집 모델 크기의 무작위 도형 장면과 그에 맞는 지시문 (함께 제공되는 편집 모델이 아는 도형 세계)</translation>
    </message>
    <message>
        <source>%1 was not trained for editing, so its edits will not follow the instruction: open an editing model (File ▸ Open Model… on this page), or start an editing fine-tune below.</source>
        <translation>%1은(는) 편집용으로 학습되지 않아 편집이 지시를 따르지 않습니다: 편집 모델을 여세요(이 페이지에서 파일 ▸ 모델 열기…), 또는 아래에서 편집 미세 조정을 시작하세요.</translation>
    </message>
    <message>
        <source>The loaded model&apos;s images (%1 px) are too small for a shapes scene.</source>
        <translation>불러온 모델의 이미지(%1 px)는 도형 장면에 너무 작습니다.</translation>
    </message>
    <message>
        <source>A new scene: %1. Press Edit, or write your own instruction.</source>
        <translation>새 장면: %1. 편집을 누르거나 직접 지시문을 쓰세요.</translation>
    </message>
    <message>
        <source>The editing model is still loading; try again in a moment.</source>
        <translation>편집 모델을 아직 불러오는 중입니다. 잠시 후 다시 시도하세요.</translation>
    </message>
    <message>
        <source>No editing model is loaded: File ▸ Open Model… on this page.</source>
        <translation>편집 모델이 없습니다: 이 페이지에서 파일 ▸ 모델 열기….</translation>
    </message>
    <message>
        <source>Warning: %1.</source>
        <translation>경고: %1.</translation>
    </message>
</context>
<context>
    <name>tfs::widgets::Filmstrip</name>
    <message>
        <source>x_t (noisy)</source>
        <translation>x_t (노이즈)</translation>
    </message>
    <message>
        <source>x̂₀ (prediction)</source>
        <translation>x̂₀ (예측)</translation>
    </message>
    <message>
        <source>Revisit any denoising step</source>
        <translation>디노이징 스텝 다시 보기</translation>
    </message>
    <message>
        <source>Play the steps (Space)</source>
        <translation>스텝 재생 (Space)</translation>
    </message>
    <message>
        <source>No steps yet</source>
        <translation>아직 스텝 없음</translation>
    </message>
    <message>
        <source>step %1</source>
        <translation>스텝 %1</translation>
    </message>
    <message>
        <source>step %1, t = %2</source>
        <translation>스텝 %1, t = %2</translation>
    </message>
    <message>
        <source>frame %1 / %2 · step %3 · t = %4 · %5 = %6</source>
        <translation>프레임 %1 / %2 · 스텝 %3 · t = %4 · %5 = %6</translation>
    </message>
</context>
<context>
    <name>tfs::studio::GenerationQueue</name>
    <message>
        <source>No model is loaded: open a model run with File ▸ Open Model…</source>
        <translation>불러온 모델이 없습니다: 파일 ▸ 모델 열기…로 모델 실행을 여세요</translation>
    </message>
</context>
<context>
    <name>tfs::studio::GenerationSettings</name>
    <message>
        <source>DPM-Solver++ 2M</source>
        <translation>DPM-Solver++ 2M</translation>
    </message>
    <message>
        <source>DDIM</source>
        <translation>DDIM</translation>
    </message>
    <message>
        <source>DDPM</source>
        <translation>DDPM</translation>
    </message>
    <message>
        <source>How the noise is removed step by step. DPM-Solver++ needs the fewest steps; DDPM is the slow, stochastic original.</source>
        <translation>노이즈를 스텝별로 제거하는 방식. DPM-Solver++는 스텝이 가장 적게 필요하고, DDPM은 느리고 확률적인 원래 방식입니다.</translation>
    </message>
    <message>
        <source>&amp;Sampler:</source>
        <translation>샘플러(&amp;S):</translation>
    </message>
    <message>
        <source>Denoising steps: more is slower and usually cleaner.</source>
        <translation type="vanished">디노이징 스텝 수: 많을수록 느리지만 대개 더 깨끗합니다.</translation>
    </message>
    <message>
        <source>S&amp;teps:</source>
        <translation>스텝(&amp;T):</translation>
    </message>
    <message>
        <source>Classifier-free guidance: how strongly the image follows the prompt (1 = no guidance, one model pass per step instead of two).</source>
        <translation>분류기 없는 가이던스: 이미지가 프롬프트를 얼마나 강하게 따르는지 (1 = 가이던스 없음, 스텝당 모델 실행 2회 대신 1회).</translation>
    </message>
    <message>
        <source>&amp;CFG scale:</source>
        <translation>CFG 스케일(&amp;C):</translation>
    </message>
    <message>
        <source>Same seed and settings, same pixels.</source>
        <translation>같은 시드와 설정이면 같은 픽셀.</translation>
    </message>
    <message>
        <source>New</source>
        <translation>새로</translation>
    </message>
    <message>
        <source>Pick a random seed</source>
        <translation>무작위 시드 선택</translation>
    </message>
    <message>
        <source>See&amp;d:</source>
        <translation>시드(&amp;D):</translation>
    </message>
    <message>
        <source>(none: the prompt dropped)</source>
        <translation>(없음: 프롬프트 제거)</translation>
    </message>
    <message>
        <source>What guidance steers away from; empty uses the model&apos;s unconditional prediction.</source>
        <translation>가이던스가 멀어지게 할 대상; 비워 두면 모델의 무조건 예측을 사용합니다.</translation>
    </message>
    <message>
        <source>&amp;Negative:</source>
        <translation>네거티브(&amp;N):</translation>
    </message>
    <message>
        <source>%1 · %2 steps · CFG %3 · seed %4</source>
        <translation>%1 · %2 스텝 · CFG %3 · 시드 %4</translation>
    </message>
    <message>
        <source>How much of the denoising is run, starting from the input image noised part-way (1 = from pure noise). Lower keeps more of the input; too low cannot make the change.</source>
        <translation>입력 이미지에 노이즈를 일부 더한 상태에서 시작해 디노이즈를 얼마나 실행할지 (1 = 순수 노이즈부터). 낮을수록 입력이 더 많이 남고, 너무 낮으면 변경을 만들 수 없습니다.</translation>
    </message>
    <message>
        <source>Str&amp;ength:</source>
        <translation>강도(&amp;E):</translation>
    </message>
    <message>
        <source>Denoising steps, 1–1000 (the schedule&apos;s length): more is slower and usually cleaner.</source>
        <translation>디노이즈 단계 수, 1–1000 (스케줄의 길이): 많을수록 느리지만 대개 더 깨끗합니다.</translation>
    </message>
</context>
<context>
    <name>tfs::studio::GenerationWorkspaces</name>
    <message>
        <source>Denoise</source>
        <translation>디노이즈</translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation>대화</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>편집</translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation>작업</translation>
    </message>
    <message>
        <source>Open &amp;Model…</source>
        <translation>모델 열기(&amp;M)…</translation>
    </message>
    <message>
        <source>Load a trained run folder for generating, chatting and editing</source>
        <translation type="vanished">생성, 대화, 편집에 쓸 학습된 실행 폴더 불러오기</translation>
    </message>
    <message>
        <source>No model</source>
        <translation>모델 없음</translation>
    </message>
    <message>
        <source>The model the Denoise, Conversation and Edit workspaces use</source>
        <translation>디노이즈, 대화, 편집 작업 공간이 사용하는 모델</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>%1 불러오는 중…</translation>
    </message>
    <message>
        <source>Model: %1</source>
        <translation>모델: %1</translation>
    </message>
    <message>
        <source>Loaded %1 from %2</source>
        <translation>%2에서 %1을(를) 불러왔습니다</translation>
    </message>
    <message>
        <source>Cannot load %1: %2</source>
        <translation>%1을(를) 불러올 수 없습니다: %2</translation>
    </message>
    <message>
        <source>No model: File ▸ Open Model…</source>
        <translation>모델 없음: 파일 ▸ 모델 열기…</translation>
    </message>
    <message>
        <source>Open Model Run</source>
        <translation>모델 실행 열기</translation>
    </message>
    <message>
        <source>A model is still loading; try again in a moment.</source>
        <translation>모델을 아직 불러오는 중입니다; 잠시 후 다시 시도하세요.</translation>
    </message>
    <message>
        <source>Load a trained run folder: for the Edit workspace when it is shown, else for generating and chatting</source>
        <translation>학습된 실행 폴더를 불러옵니다: 편집 작업 공간이 보일 때는 편집용, 아니면 생성과 대화용</translation>
    </message>
    <message>
        <source>Edit workspace: loaded %1 from %2</source>
        <translation>편집 작업 공간: %2에서 %1을(를) 불러왔습니다</translation>
    </message>
    <message>
        <source>Cannot load %1 for editing: %2</source>
        <translation>편집용으로 %1을(를) 불러올 수 없습니다: %2</translation>
    </message>
    <message>
        <source>Open Model Run for Editing</source>
        <translation>편집용 모델 실행 열기</translation>
    </message>
</context>
<context>
    <name>tfs::widgets::ImageCompare</name>
    <message>
        <source>before</source>
        <translation>이전</translation>
    </message>
    <message>
        <source>after</source>
        <translation>이후</translation>
    </message>
    <message>
        <source>Drag to move the split between before and after</source>
        <translation>끌어서 이전과 이후 사이의 경계 이동</translation>
    </message>
    <message>
        <source>No image</source>
        <translation>이미지 없음</translation>
    </message>
</context>
<context>
    <name>tfs::widgets::JobList</name>
    <message>
        <source>Up</source>
        <translation>위로</translation>
    </message>
    <message>
        <source>Run this job earlier</source>
        <translation>이 작업을 먼저 실행</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>아래로</translation>
    </message>
    <message>
        <source>Run this job later</source>
        <translation>이 작업을 나중에 실행</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>Remove the selected job from the queue, or cancel it if it runs</source>
        <translation>선택한 작업을 대기열에서 제거하거나 실행 중이면 취소</translation>
    </message>
    <message>
        <source>Stop now</source>
        <translation>지금 중지</translation>
    </message>
    <message>
        <source>Interrupt the running job immediately</source>
        <translation>실행 중인 작업을 즉시 중단</translation>
    </message>
    <message>
        <source>Stop after image</source>
        <translation>이미지 후 중지</translation>
    </message>
    <message>
        <source>Let the running job finish its current image, then stop</source>
        <translation>실행 중인 작업이 현재 이미지를 마친 뒤 중지</translation>
    </message>
    <message>
        <source>Skip image</source>
        <translation>이미지 건너뛰기</translation>
    </message>
    <message>
        <source>Abandon the current image and go on with the next one</source>
        <translation>현재 이미지를 버리고 다음 이미지로 계속</translation>
    </message>
</context>
<context>
    <name>tfs::widgets::JobListModel</name>
    <message>
        <source>queued</source>
        <translation>대기 중</translation>
    </message>
    <message>
        <source>running</source>
        <translation>실행 중</translation>
    </message>
    <message>
        <source>done</source>
        <translation>완료</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>실패</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>취소됨</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>작업</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>종류</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>프롬프트</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>진행률</translation>
    </message>
</context>
<context>
    <name>tfs::studio::JobsPage</name>
    <message>
        <source>Drag a finished job&apos;s image into the Conversation or the Edit workspace.</source>
        <translation>완료된 작업의 이미지를 대화 또는 편집 작업 공간으로 끌어다 놓으세요.</translation>
    </message>
    <message>
        <source>C&amp;lear Finished</source>
        <translation>끝난 작업 지우기(&amp;L)</translation>
    </message>
    <message>
        <source>Remove done, failed and cancelled jobs from the list</source>
        <translation>완료, 실패, 취소된 작업을 목록에서 제거</translation>
    </message>
    <message>
        <source>selected job</source>
        <translation>선택한 작업</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; · %2&lt;br&gt;%3</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; · %2&lt;br&gt;%3</translation>
    </message>
</context>
<context>
    <name>tfs::widgets::LossPlot</name>
    <message>
        <source>step</source>
        <translation>스텝</translation>
    </message>
    <message>
        <source>value</source>
        <translation>값</translation>
    </message>
    <message>
        <source>wall time (h:m:s)</source>
        <translation>경과 시간 (시:분:초)</translation>
    </message>
</context>
<context>
    <name>tfs::studio::MainWindow</name>
    <message>
        <source>Transfusion Studio</source>
        <translation>Transfusion Studio</translation>
    </message>
    <message>
        <source>Welcome</source>
        <translation>시작</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>로그</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>준비됨</translation>
    </message>
    <message numerus="yes">
        <source>… %n earlier line(s) not shown</source>
        <translation>
            <numerusform>… 이전 %n줄은 표시하지 않음</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>파일(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>끝내기(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>보기(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Log Panel</source>
        <translation>로그 패널(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>테마(&amp;T)</translation>
    </message>
    <message>
        <source>System</source>
        <translation>시스템</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>밝게</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>어둡게</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>언어(&amp;L)</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>시스템 기본값</translation>
    </message>
    <message>
        <source>The language changes the next time the studio starts.</source>
        <translation>언어는 스튜디오를 다시 시작하면 바뀝니다.</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>도움말(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About Transfusion Studio</source>
        <translation>Transfusion Studio 정보(&amp;A)</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Qt 정보(&amp;Q)</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Transfusion Studio %1&lt;/h3&gt;&lt;p&gt;Train, inspect and use Transfusion-style models: one transformer for text and images.&lt;/p&gt;&lt;table&gt;&lt;tr&gt;&lt;td&gt;LibTorch&lt;/td&gt;&lt;td&gt;%2&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;SentencePiece&lt;/td&gt;&lt;td&gt;%3&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;spdlog&lt;/td&gt;&lt;td&gt;%4&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Qt&lt;/td&gt;&lt;td&gt;%5&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;QCustomPlot&lt;/td&gt;&lt;td&gt;%6&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;BLAS&lt;/td&gt;&lt;td&gt;%7&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</source>
        <translation>&lt;h3&gt;Transfusion Studio %1&lt;/h3&gt;&lt;p&gt;Transfusion 방식 모델을 학습하고 살펴보고 사용합니다: 텍스트와 이미지를 위한 하나의 트랜스포머.&lt;/p&gt;&lt;table&gt;&lt;tr&gt;&lt;td&gt;LibTorch&lt;/td&gt;&lt;td&gt;%2&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;SentencePiece&lt;/td&gt;&lt;td&gt;%3&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;spdlog&lt;/td&gt;&lt;td&gt;%4&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Qt&lt;/td&gt;&lt;td&gt;%5&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;QCustomPlot&lt;/td&gt;&lt;td&gt;%6&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;BLAS&lt;/td&gt;&lt;td&gt;%7&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</translation>
    </message>
    <message>
        <source>About Transfusion Studio</source>
        <translation>Transfusion Studio 정보</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>학습</translation>
    </message>
    <message>
        <source>Attention</source>
        <translation>어텐션</translation>
    </message>
    <message>
        <source>Training is running</source>
        <translation>학습이 진행 중입니다</translation>
    </message>
    <message>
        <source>Stop training, save a checkpoint and quit?</source>
        <translation>학습을 중지하고 체크포인트를 저장한 뒤 종료할까요?</translation>
    </message>
    <message>
        <source>Stopping training and saving a checkpoint…</source>
        <translation>학습을 중지하고 체크포인트를 저장하는 중…</translation>
    </message>
    <message>
        <source>Cannot reproduce %1: %2</source>
        <translation>%1을(를) 재현할 수 없습니다: %2</translation>
    </message>
    <message>
        <source>Restored the settings of %1 (seed %2)</source>
        <translation>%1의 설정을 복원했습니다 (시드 %2)</translation>
    </message>
    <message>
        <source>Reproduce</source>
        <translation>재현</translation>
    </message>
    <message>
        <source>Settings restored from %1</source>
        <translation>%1에서 설정을 복원했습니다</translation>
    </message>
</context>
<context>
    <name>tfs::widgets::MaskView</name>
    <message>
        <source>text</source>
        <translation>텍스트</translation>
    </message>
    <message>
        <source>patches</source>
        <translation>패치</translation>
    </message>
    <message>
        <source>pad</source>
        <translation>패딩</translation>
    </message>
    <message>
        <source>Wheel to zoom, drag to pan, double-click to fit</source>
        <translation>휠로 확대/축소, 끌어서 이동, 더블클릭으로 맞춤</translation>
    </message>
    <message>
        <source>position %1</source>
        <translation>위치 %1</translation>
    </message>
    <message>
        <source>text token %1</source>
        <translation>텍스트 토큰 %1</translation>
    </message>
    <message>
        <source>text &apos;%1&apos;</source>
        <translation>텍스트 &apos;%1&apos;</translation>
    </message>
    <message>
        <source>patch %1 of %2</source>
        <translation>%2의 패치 %1</translation>
    </message>
    <message>
        <source>image</source>
        <translation>이미지</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%2의 %1</translation>
    </message>
    <message>
        <source>weight %1</source>
        <translation>가중치 %1</translation>
    </message>
    <message>
        <source>may attend</source>
        <translation>볼 수 있음</translation>
    </message>
    <message>
        <source>masked</source>
        <translation>마스킹됨</translation>
    </message>
    <message>
        <source>query %1 (%2) → key %3 (%4): %5</source>
        <translation>쿼리 %1 (%2) → 키 %3 (%4): %5</translation>
    </message>
    <message>
        <source>No sequence</source>
        <translation>시퀀스 없음</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>Save Image</source>
        <translation>이미지 저장</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 이미지 (*.png)</translation>
    </message>
    <message>
        <source>The engine failed: %1</source>
        <translation>엔진 오류: %1</translation>
    </message>
    <message>
        <source>Cannot create %1; choose a writable folder.</source>
        <translation>%1을(를) 만들 수 없습니다; 쓰기 가능한 폴더를 선택하세요.</translation>
    </message>
    <message>
        <source>Cannot write %1; check the disk space and rights.</source>
        <translation>%1에 쓸 수 없습니다; 디스크 공간과 권한을 확인하세요.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2.</source>
        <translation type="vanished">%1에 쓸 수 없습니다: %2.</translation>
    </message>
    <message>
        <source>Cannot open %1: %2.</source>
        <translation type="vanished">%1을(를) 열 수 없습니다: %2.</translation>
    </message>
    <message>
        <source>%1 is not valid JSON (%2 at offset %3); pick a conversation saved by the studio.</source>
        <translation type="vanished">%1은(는) 올바른 JSON이 아닙니다 (오프셋 %3에서 %2); 스튜디오가 저장한 대화를 선택하세요.</translation>
    </message>
    <message>
        <source>%1 is not a studio conversation (no &quot;format&quot;: &quot;%2&quot;).</source>
        <translation type="vanished">%1은(는) 스튜디오 대화가 아닙니다 (&quot;format&quot;: &quot;%2&quot; 없음).</translation>
    </message>
    <message>
        <source>%1 was saved by a newer studio; update to open it.</source>
        <translation type="vanished">%1은(는) 더 새로운 스튜디오에서 저장되었습니다; 열려면 업데이트하세요.</translation>
    </message>
    <message>
        <source>%1: node %2 is out of order; the file is damaged.</source>
        <translation type="vanished">%1: 노드 %2의 순서가 잘못되었습니다; 파일이 손상되었습니다.</translation>
    </message>
    <message>
        <source>%1 refers to an image outside its folder (%2).</source>
        <translation type="vanished">%1이(가) 폴더 밖의 이미지를 참조합니다 (%2).</translation>
    </message>
    <message>
        <source>Cannot read the image %1; keep the %2 folder next to the conversation.</source>
        <translation>이미지 %1을(를) 읽을 수 없습니다; %2 폴더를 대화 파일 옆에 두세요.</translation>
    </message>
    <message>
        <source>%1: the branches do not form a tree; the file is damaged.</source>
        <translation>%1: 분기가 트리를 이루지 않습니다; 파일이 손상되었습니다.</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>프롬프트</translation>
    </message>
    <message>
        <source>Negative prompt</source>
        <translation>네거티브 프롬프트</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>모드</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>스텝</translation>
    </message>
    <message>
        <source>Sampler</source>
        <translation>샘플러</translation>
    </message>
    <message>
        <source>CFG scale</source>
        <translation>CFG 스케일</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>시드</translation>
    </message>
    <message>
        <source>Width</source>
        <translation>너비</translation>
    </message>
    <message>
        <source>Height</source>
        <translation>높이</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>모델</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>실행</translation>
    </message>
    <message>
        <source>Input image</source>
        <translation>입력 이미지</translation>
    </message>
</context>
<context>
    <name>tfs::studio::RunEvalDialog</name>
    <message>
        <source>Evaluate %1</source>
        <translation>%1 평가</translation>
    </message>
    <message>
        <source>Caption accuracy on Fashion-MNIST test images, and text-to-image samples scored in the shipped classifier&apos;s feature space: a Fréchet distance that is &lt;b&gt;not COCO FID&lt;/b&gt;, and how often a sample is classified as the class it was asked for.</source>
        <translation>Fashion-MNIST 테스트 이미지의 캡션 정확도와, 내장 분류기의 특징 공간에서 평가한 텍스트→이미지 샘플: &lt;b&gt;COCO FID가 아닌&lt;/b&gt; 프레셰 거리, 그리고 샘플이 요청한 클래스로 분류되는 비율.</translation>
    </message>
    <message>
        <source>Images:</source>
        <translation>이미지:</translation>
    </message>
    <message>
        <source>Test images captioned, and text-to-image samples generated</source>
        <translation>캡션을 붙일 테스트 이미지 수와 생성할 텍스트→이미지 샘플 수</translation>
    </message>
    <message>
        <source>&amp;Evaluate</source>
        <translation>평가(&amp;E)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>측정 항목</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>값</translation>
    </message>
    <message>
        <source>%1: %2 of %3</source>
        <translation>%1: %3개 중 %2</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>완료</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>중지됨</translation>
    </message>
    <message>
        <source>Captions</source>
        <translation>캡션</translation>
    </message>
    <message>
        <source>Caption names the class (chance 10 %)</source>
        <translation>캡션이 클래스를 맞힘 (우연 10 %)</translation>
    </message>
    <message>
        <source>Fréchet distance</source>
        <translation>프레셰 거리</translation>
    </message>
    <message>
        <source>no shipped classifier</source>
        <translation>내장 분류기 없음</translation>
    </message>
    <message>
        <source>Text-to-image samples</source>
        <translation>텍스트→이미지 샘플</translation>
    </message>
    <message>
        <source>Fréchet distance, classifier features (not COCO FID)</source>
        <translation>프레셰 거리, 분류기 특징 (COCO FID 아님)</translation>
    </message>
    <message>
        <source>  its floor at this sample size</source>
        <translation>  이 표본 크기에서의 하한</translation>
    </message>
    <message>
        <source>Samples classified as the asked class</source>
        <translation>요청한 클래스로 분류된 샘플</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>취소되었습니다.</translation>
    </message>
    <message>
        <source>Evaluation failed: %1</source>
        <translation>평가 실패: %1</translation>
    </message>
</context>
<context>
    <name>tfs::studio::TrainPage</name>
    <message>
        <source>Failed</source>
        <translation>실패</translation>
    </message>
    <message>
        <source>Checkpoint saved: %1</source>
        <translation>체크포인트 저장됨: %1</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>모델</translation>
    </message>
    <message>
        <source>Model preset for a new run (its size and training defaults)</source>
        <translation>새 실행의 모델 프리셋 (크기와 학습 기본값)</translation>
    </message>
    <message>
        <source>Preset:</source>
        <translation>프리셋:</translation>
    </message>
    <message>
        <source>optional JSON config</source>
        <translation>선택: JSON 설정</translation>
    </message>
    <message>
        <source>A train config JSON, or a run config with &quot;model&quot; and &quot;train&quot;; overrides the preset</source>
        <translation>학습 설정 JSON 또는 &quot;model&quot;과 &quot;train&quot;이 있는 실행 설정; 프리셋보다 우선합니다</translation>
    </message>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <source>Choose a config file</source>
        <translation>설정 파일 선택</translation>
    </message>
    <message>
        <source>Config:</source>
        <translation>설정:</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>데이터</translation>
    </message>
    <message>
        <source>Data sources of the run; double-click to edit a spec</source>
        <translation>실행의 데이터 소스; 두 번 클릭하여 편집</translation>
    </message>
    <message>
        <source>spec, e.g. fmnist:train</source>
        <translation>스펙, 예: fmnist:train</translation>
    </message>
    <message>
        <source>fmnist:train | fmnist:test | shapes[:SEED] | folder:PATH | imagefolder:PATH | wds:PATTERN | text:PATH | fortunes | wordnet</source>
        <translation>fmnist:train | fmnist:test | shapes[:SEED] | folder:PATH | imagefolder:PATH | wds:PATTERN | text:PATH | fortunes | wordnet</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>추가</translation>
    </message>
    <message>
        <source>Add this data source</source>
        <translation>이 데이터 소스 추가</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>제거</translation>
    </message>
    <message>
        <source>Remove the selected data source</source>
        <translation>선택한 데이터 소스 제거</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>미리보기</translation>
    </message>
    <message>
        <source>Show the first records of each source as the model will see them</source>
        <translation>각 소스의 첫 레코드를 모델이 보는 그대로 표시</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>실행</translation>
    </message>
    <message>
        <source>The run folder: config.json, metrics.jsonl, checkpoints/, samples/</source>
        <translation>실행 폴더: config.json, metrics.jsonl, checkpoints/, samples/</translation>
    </message>
    <message>
        <source>Choose the run folder</source>
        <translation>실행 폴더 선택</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>폴더:</translation>
    </message>
    <message>
        <source>preset</source>
        <translation>프리셋</translation>
    </message>
    <message>
        <source>Optimiser steps; &quot;preset&quot; keeps the preset&apos;s count</source>
        <translation>옵티마이저 스텝; &quot;프리셋&quot;은 프리셋의 값을 유지</translation>
    </message>
    <message>
        <source>Steps:</source>
        <translation>스텝:</translation>
    </message>
    <message>
        <source>Write sample images every N steps (0 = none)</source>
        <translation>N 스텝마다 샘플 이미지 저장 (0 = 없음)</translation>
    </message>
    <message>
        <source>Samples every:</source>
        <translation>샘플 간격:</translation>
    </message>
    <message>
        <source>Resume from the newest checkpoint</source>
        <translation>최신 체크포인트에서 재개</translation>
    </message>
    <message>
        <source>Continue the run in this folder with its saved config</source>
        <translation>이 폴더의 실행을 저장된 설정으로 계속</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>시작</translation>
    </message>
    <message>
        <source>Start training (Ctrl+Return)</source>
        <translation>학습 시작 (Ctrl+Return)</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>일시정지</translation>
    </message>
    <message>
        <source>Pause or resume after the current step (Ctrl+Shift+P)</source>
        <translation>현재 스텝 후 일시정지 또는 재개 (Ctrl+Shift+P)</translation>
    </message>
    <message>
        <source>Stop and save</source>
        <translation>중지 후 저장</translation>
    </message>
    <message>
        <source>Stop after the current step and save a checkpoint (Ctrl+Shift+S)</source>
        <translation>현재 스텝 후 중지하고 체크포인트 저장 (Ctrl+Shift+S)</translation>
    </message>
    <message>
        <source>Open run…</source>
        <translation>실행 열기…</translation>
    </message>
    <message>
        <source>Follow an existing run folder live, e.g. one started with `transfusion train` (Ctrl+Shift+O)</source>
        <translation>기존 실행 폴더를 실시간으로 추적 (예: `transfusion train`으로 시작한 실행) (Ctrl+Shift+O)</translation>
    </message>
    <message>
        <source>Idle</source>
        <translation>대기</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>실행 목록</translation>
    </message>
    <message>
        <source>Runs drawn in the plot; open more to compare them</source>
        <translation>그래프에 그려진 실행; 더 열어서 비교</translation>
    </message>
    <message>
        <source>Close run</source>
        <translation>실행 닫기</translation>
    </message>
    <message>
        <source>Remove the selected run from the plot and stop following it</source>
        <translation>선택한 실행을 그래프에서 제거하고 추적 중지</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>샘플</translation>
    </message>
    <message>
        <source>Sample images written by the run, newest first</source>
        <translation>실행이 저장한 샘플 이미지 (최신 순)</translation>
    </message>
    <message>
        <source>Start training</source>
        <translation>학습 시작</translation>
    </message>
    <message>
        <source>Pause / resume training</source>
        <translation>학습 일시정지 / 재개</translation>
    </message>
    <message>
        <source>Complete the data spec first, e.g. folder:/path/to/images</source>
        <translation>먼저 데이터 스펙을 완성하세요 (예: folder:/path/to/images)</translation>
    </message>
    <message>
        <source>Choose a run folder first.</source>
        <translation>먼저 실행 폴더를 선택하세요.</translation>
    </message>
    <message>
        <source>Add at least one data source (e.g. fmnist:train).</source>
        <translation>데이터 소스를 하나 이상 추가하세요 (예: fmnist:train).</translation>
    </message>
    <message>
        <source>%1 (training)</source>
        <translation>%1 (학습 중)</translation>
    </message>
    <message>
        <source>Preparing %1 (tokenizer, data, model)…</source>
        <translation>%1 준비 중 (토크나이저, 데이터, 모델)…</translation>
    </message>
    <message>
        <source>Training %1 from step %2</source>
        <translation>%1 학습 중, 스텝 %2부터</translation>
    </message>
    <message>
        <source>Stopped at step %1</source>
        <translation>스텝 %1에서 중지됨</translation>
    </message>
    <message>
        <source>Finished %1 steps</source>
        <translation>%1 스텝 완료</translation>
    </message>
    <message>
        <source>Checkpoint: %1</source>
        <translation>체크포인트: %1</translation>
    </message>
    <message>
        <source>took %1</source>
        <translation>소요 %1</translation>
    </message>
    <message>
        <source>%1; checkpoint %2</source>
        <translation>%1; 체크포인트 %2</translation>
    </message>
    <message>
        <source>ETA %1</source>
        <translation>남은 시간 %1</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>재개</translation>
    </message>
    <message>
        <source>%1 · paused</source>
        <translation>%1 · 일시정지됨</translation>
    </message>
    <message>
        <source>%1 · stopping and saving…</source>
        <translation>%1 · 중지 및 저장 중…</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>일시정지됨</translation>
    </message>
    <message>
        <source>%1 · training</source>
        <translation>%1 · 학습 중</translation>
    </message>
    <message>
        <source>Train config</source>
        <translation>학습 설정</translation>
    </message>
    <message>
        <source>JSON (*.json);;All files (*)</source>
        <translation>JSON (*.json);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>Run folder</source>
        <translation>실행 폴더</translation>
    </message>
    <message>
        <source>Open run folder</source>
        <translation>실행 폴더 열기</translation>
    </message>
    <message>
        <source>%1 is not a run folder (no metrics.jsonl or config.json).</source>
        <translation>%1은(는) 실행 폴더가 아닙니다 (metrics.jsonl 또는 config.json 없음).</translation>
    </message>
    <message>
        <source>%1 is already shown</source>
        <translation>%1은(는) 이미 표시되어 있습니다</translation>
    </message>
    <message>
        <source>Following %1</source>
        <translation>%1 추적 중</translation>
    </message>
    <message>
        <source>%1 (following)</source>
        <translation>%1 (추적 중)</translation>
    </message>
    <message>
        <source>%1 · step %2</source>
        <translation>%1 · 스텝 %2</translation>
    </message>
    <message>
        <source>Add a data source to preview.</source>
        <translation>미리 볼 데이터 소스를 추가하세요.</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>읽는 중…</translation>
    </message>
    <message>
        <source>(no caption)</source>
        <translation>(캡션 없음)</translation>
    </message>
    <message>
        <source>Evaluate run…</source>
        <translation>실행 평가…</translation>
    </message>
    <message>
        <source>Caption accuracy and a classifier-space Fréchet distance of the selected run&apos;s newest checkpoint (as `transfusion eval`)</source>
        <translation>선택한 실행의 최신 체크포인트에 대한 캡션 정확도와 분류기 공간 프레셰 거리 (`transfusion eval`과 같음)</translation>
    </message>
    <message>
        <source>Select a run in the list first</source>
        <translation>먼저 목록에서 실행을 선택하세요</translation>
    </message>
    <message>
        <source>default (2000)</source>
        <translation>기본값 (2000)</translation>
    </message>
    <message>
        <source>A latent-space model (e.g. shapes-small) whose run has no VAE trains one first, for this many steps</source>
        <translation>잠재 공간 모델(예: shapes-small)의 실행에 VAE가 없으면 먼저 이 단계 수만큼 VAE를 학습합니다</translation>
    </message>
    <message>
        <source>VAE steps:</source>
        <translation>VAE 단계:</translation>
    </message>
    <message>
        <source>Training the VAE first: step %1</source>
        <translation>먼저 VAE 학습 중: 단계 %1</translation>
    </message>
</context>
<context>
    <name>tfs::widgets::TrainingPlotPanel</name>
    <message>
        <source>Log y</source>
        <translation>로그 y축</translation>
    </message>
    <message>
        <source>Min/max</source>
        <translation>최소/최대</translation>
    </message>
    <message>
        <source>Hide outliers</source>
        <translation>이상치 숨기기</translation>
    </message>
    <message>
        <source>Which metrics to plot</source>
        <translation>그릴 지표</translation>
    </message>
    <message>
        <source>Smoothing: TensorBoard&apos;s debiased exponential moving average</source>
        <translation>평활화: TensorBoard의 편향 보정 지수 이동 평균</translation>
    </message>
    <message>
        <source>Logarithmic y axis</source>
        <translation>로그 y축</translation>
    </message>
    <message>
        <source>Shade the range of the raw values behind the smoothed line</source>
        <translation>평활선 뒤에 원래 값의 범위를 음영으로 표시</translation>
    </message>
    <message>
        <source>Fit the y axis to the 1st–99th percentile of the visible values</source>
        <translation>y축을 보이는 값의 1–99 백분위수에 맞춤</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>스텝</translation>
    </message>
    <message>
        <source>Wall time</source>
        <translation>경과 시간</translation>
    </message>
    <message>
        <source>What the x axis shows</source>
        <translation>x축에 표시할 값</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>맞춤</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>내보내기</translation>
    </message>
    <message>
        <source>PNG image…</source>
        <translation>PNG 이미지…</translation>
    </message>
    <message>
        <source>PDF document…</source>
        <translation>PDF 문서…</translation>
    </message>
    <message>
        <source>CSV values…</source>
        <translation>CSV 값…</translation>
    </message>
    <message>
        <source>Smoothing</source>
        <translation>평활화</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>손실</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>학습률</translation>
    </message>
    <message>
        <source>Gradient norm</source>
        <translation>기울기 노름</translation>
    </message>
    <message>
        <source>Tokens/s</source>
        <translation>토큰/초</translation>
    </message>
    <message>
        <source>Images/s</source>
        <translation>이미지/초</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 이미지 (*.png)</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>PDF 문서 (*.pdf)</translation>
    </message>
    <message>
        <source>CSV values (*.csv)</source>
        <translation>CSV 값 (*.csv)</translation>
    </message>
    <message>
        <source>Export plot</source>
        <translation>그래프 내보내기</translation>
    </message>
    <message>
        <source>Show all data and follow new points (or double-click the plot); click a legend entry to hide or show its run</source>
        <translation>모든 데이터를 보여 주고 새 점을 따라감 (또는 그래프를 더블클릭). 범례 항목을 클릭하면 그 실행을 숨기거나 보임</translation>
    </message>
    <message>
        <source>VAE reconstruction (L1)</source>
        <translation>VAE 재구성 (L1)</translation>
    </message>
    <message>
        <source>VAE KL</source>
        <translation>VAE KL</translation>
    </message>
</context>
<context>
    <name>tfs::studio::WelcomePage</name>
    <message>
        <source>&lt;h2&gt;Transfusion Studio&lt;/h2&gt;&lt;p&gt;One transformer that predicts the next token and diffuses images. Train a model, watch its attention mask and every denoising step, and talk to it in text and pictures.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Transfusion Studio&lt;/h2&gt;&lt;p&gt;다음 토큰을 예측하고 이미지를 확산으로 생성하는 하나의 트랜스포머. 모델을 학습하고, 어텐션 마스크와 모든 디노이징 단계를 살펴보고, 텍스트와 그림으로 대화하세요.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Engine</source>
        <translation>엔진</translation>
    </message>
    <message>
        <source>LibTorch</source>
        <translation>LibTorch</translation>
    </message>
    <message>
        <source>SentencePiece</source>
        <translation>SentencePiece</translation>
    </message>
    <message>
        <source>BLAS</source>
        <translation>BLAS</translation>
    </message>
    <message>
        <source>CPU threads</source>
        <translation>CPU 스레드</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>장치</translation>
    </message>
    <message>
        <source>Start here</source>
        <translation>여기서 시작</translation>
    </message>
    <message>
        <source>Draw an image</source>
        <translation>이미지 그리기</translation>
    </message>
    <message>
        <source>Type a caption (&quot;a photo of a sneaker&quot;) and watch the shipped demo model denoise it step by step.</source>
        <translation>캡션(&quot;a photo of a sneaker&quot;)을 입력하고 내장 데모 모델이 단계별로 디노이징하는 과정을 보세요.</translation>
    </message>
    <message>
        <source>Talk to the model</source>
        <translation>모델과 대화하기</translation>
    </message>
    <message>
        <source>An interleaved conversation: give it images to caption, ask it to draw.</source>
        <translation>텍스트와 이미지가 섞인 대화: 이미지를 주어 캡션을 달게 하거나 그림을 그리게 하세요.</translation>
    </message>
    <message>
        <source>Edit an image</source>
        <translation>이미지 편집하기</translation>
    </message>
    <message>
        <source>Image + instruction → image, with a model fine-tuned for editing.</source>
        <translation>이미지 + 지시문 → 이미지 (편집용으로 미세 조정된 모델 필요).</translation>
    </message>
    <message>
        <source>Train a new model</source>
        <translation>새 모델 학습하기</translation>
    </message>
    <message>
        <source>Pick a preset and data (Fashion-MNIST, shapes, your own folders) and watch the losses.</source>
        <translation>프리셋과 데이터(Fashion-MNIST, 도형, 직접 만든 폴더)를 고르고 손실 곡선을 지켜보세요.</translation>
    </message>
    <message>
        <source>See the attention mask</source>
        <translation>어텐션 마스크 보기</translation>
    </message>
    <message>
        <source>Causal over text, bidirectional inside each image: the Transfusion mask of any sequence.</source>
        <translation>텍스트는 인과적, 각 이미지 안에서는 양방향: 어떤 시퀀스든 그 Transfusion 마스크를 보여 줍니다.</translation>
    </message>
</context>
</TS>
